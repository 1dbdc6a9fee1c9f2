using Contrastive.Losses;
using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>
/// CLIP (Radford et al. 2021): paired images and texts through their own towers into one space, trained with the
/// symmetric <see cref="ClipLoss"/> and a learnable logit scale. Batches carry two views: <c>Views[0]</c> the images
/// (B, C, H, W) and <c>Views[1]</c> the paired token ids (B, T) as whole-number floats, PAD = 0 (the
/// <see cref="TransformerTextEncoder"/> contract). The online <see cref="ContrastiveMethod.Model"/> wraps the
/// <see cref="TwoTowerModel"/> as its encoder (state <c>encoder.*</c>, no head), so checkpoints hold both towers and
/// the logit scale, and <c>Model.Represent(images)</c> gives the joint-space image embedding.
/// </summary>
public sealed class Clip : ContrastiveMethod
{
    /// <summary>Creates the method around a two-tower model.</summary>
    public Clip(TwoTowerModel towers) : base(new EmbeddingModel(towers, head: null))
    {
        Towers = towers;
    }

    /// <summary>The image and text towers with the logit scale.</summary>
    public TwoTowerModel Towers { get; }

    /// <inheritdoc />
    public override string Name => Id;

    /// <summary>The method's name, as <c>--method</c> takes it.</summary>
    public const string Id = "clip";

    /// <summary>The logit scale: decaying it would pull the temperature towards 1, so CLIP exempts it.</summary>
    public override IEnumerable<Tensor> ParametersWithoutWeightDecay() => [Towers.LogitScale];

    /// <inheritdoc />
    public override Tensor ComputeLoss(TrainingBatch batch)
    {
        RequireViews(batch, 2);
        var images = batch.Views[0];
        var texts = batch.Views[1];
        if (texts.Rank != 2 || texts.Size(0) != images.Size(0))
            throw new ArgumentException($"clip: Views[1] must hold token ids (B, T) for the {images.Size(0)} images of Views[0], got {Shapes.Format(texts.Shape)}");
        return ClipLoss.Compute(Towers.EmbedImages(images), Towers.EmbedTexts(texts), Towers.LogitScale, Group);
    }
}
