using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>
/// An encoder with its heads, named as PyTorch would name them: <c>encoder.*</c>, <c>head.*</c> and, for
/// BYOL/SimSiam, <c>predictor.*</c>. <see cref="Module.Forward"/> gives the projection; <see cref="Represent"/>
/// gives the representation used downstream.
/// </summary>
public sealed class EmbeddingModel : Module
{
    /// <summary>Creates the model from its parts.</summary>
    public EmbeddingModel(Module encoder, Module? head, Module? predictor = null)
    {
        Encoder = RegisterModule("encoder", encoder);
        if (head is not null) Head = RegisterModule("head", head);
        if (predictor is not null) Predictor = RegisterModule("predictor", predictor);
    }

    /// <summary>The encoder (representation network).</summary>
    public Module Encoder { get; }

    /// <summary>The projection head, if any.</summary>
    public Module? Head { get; }

    /// <summary>The predictor head (BYOL, SimSiam), if any.</summary>
    public Module? Predictor { get; }

    /// <summary>The representation: encoder output.</summary>
    public Tensor Represent(Tensor input) => Encoder.Forward(input);

    /// <summary>The projection: head(encoder(x)) (or the representation when there is no head); the head reads
    /// <see cref="HeadInput"/> of the representation.</summary>
    public override Tensor Forward(Tensor input)
    {
        var h = Encoder.Forward(input);
        return Head is null ? h : Head.Forward(HeadInput(h));
    }

    /// <summary>What the heads read of a representation (<see cref="IEncoder.HeadInput"/>: the mean cell of a grid
    /// representation, otherwise the representation itself).</summary>
    public Tensor HeadInput(Tensor representation) => Encoder is IEncoder encoder ? encoder.HeadInput(representation) : representation;

    /// <summary>The predictor applied to a projection.</summary>
    public Tensor Predict(Tensor projection) =>
        (Predictor ?? throw new InvalidOperationException("this model has no predictor head")).Forward(projection);
}
