using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>
/// A CLIP-style two-tower model: an image tower (any image encoder + a bias-free projection Linear) and a text tower
/// (<see cref="TransformerTextEncoder"/> + projection) into one joint space of <see cref="OutputDim"/> features, and
/// the learnable log logit scale, initialised to ln(1 / 0.07) as in CLIP. State keys: <c>logit_scale</c>,
/// <c>image_encoder.*</c>, <c>image_projection.weight</c>, <c>text_encoder.*</c>, <c>text_projection.weight</c>.
/// <see cref="Module.Forward"/> embeds images, so the model serves as an image encoder downstream (kNN, embedding).
/// </summary>
public sealed class TwoTowerModel : Module, IEncoder
{
    /// <summary>CLIP's initial log logit scale, ln(1 / 0.07) (a temperature of 0.07).</summary>
    public static readonly float InitialLogitScale = MathF.Log(1f / 0.07f);

    /// <summary>Creates the model; the projections are drawn from <paramref name="rng"/>.</summary>
    /// <exception cref="ArgumentException">The image encoder does not implement <see cref="IEncoder"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="embedDim"/> is not positive.</exception>
    public TwoTowerModel(Module imageEncoder, TransformerTextEncoder textEncoder, int embedDim, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(imageEncoder);
        ArgumentNullException.ThrowIfNull(textEncoder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embedDim);
        if (imageEncoder is not IEncoder image)
            throw new ArgumentException($"the image encoder {imageEncoder.GetType().Name} must implement IEncoder (its output size is needed)", nameof(imageEncoder));
        OutputDim = embedDim;
        LogitScale = RegisterParameter("logit_scale", Tensor.Scalar(InitialLogitScale));
        ImageEncoder = RegisterModule("image_encoder", imageEncoder);
        ImageProjection = RegisterModule("image_projection", new Linear(image.OutputDim, embedDim, rng, bias: false));
        TextEncoder = RegisterModule("text_encoder", textEncoder);
        TextProjection = RegisterModule("text_projection", new Linear(textEncoder.OutputDim, embedDim, rng, bias: false));
    }

    /// <summary>The size of the joint embedding space.</summary>
    public int OutputDim { get; }

    /// <summary>The log logit scale s (a scalar); logits are exp(s) * cosine similarity.</summary>
    public Tensor LogitScale { get; }

    /// <summary>The image encoder.</summary>
    public Module ImageEncoder { get; }

    /// <summary>The image projection into the joint space.</summary>
    public Linear ImageProjection { get; }

    /// <summary>The text encoder.</summary>
    public TransformerTextEncoder TextEncoder { get; }

    /// <summary>The text projection into the joint space.</summary>
    public Linear TextProjection { get; }

    /// <summary>Joint-space embeddings (B, E) of images (B, C, H, W); not normalised.</summary>
    public Tensor EmbedImages(Tensor images) => ImageProjection.Forward(ImageEncoder.Forward(images));

    /// <summary>Joint-space embeddings (B, E) of token ids (B, T) in the <see cref="TransformerTextEncoder"/> format; not normalised.</summary>
    public Tensor EmbedTexts(Tensor tokenIds) => TextProjection.Forward(TextEncoder.Forward(tokenIds));

    /// <summary>Embeds images (<see cref="EmbedImages"/>).</summary>
    public override Tensor Forward(Tensor input) => EmbedImages(input);
}
