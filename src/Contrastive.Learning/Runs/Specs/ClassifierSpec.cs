using Contrastive.Data.Augmentations;
using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Runs;

/// <summary>Supervised training (<see cref="Classifier"/>): a linear classifier on the representation, cross-entropy on one weak view.</summary>
internal sealed class ClassifierSpec : MethodSpec
{
    public override string Name => Classifier.Id;

    public override IReadOnlyList<string> Options { get; } = EncoderOptions;

    public override int ViewsPerSample => 1;

    /// <summary>One weakly augmented view (<see cref="AugmentationPresets.WeakStrong"/>).</summary>
    public override AugmentationPipeline[] ImageViews(TrainConfig config, ImageGeometry geometry, float strength, bool flip) =>
        [AugmentationPresets.WeakStrong(geometry, geometry.Height, strength, flip).Weak];

    /// <summary>The encoder with a linear head of <paramref name="classCount"/> outputs.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 classes.</exception>
    public override EmbeddingModel CreateModel(TrainConfig config, Module encoder, int classCount, int vocabularySize, Rng rng, bool withPredictor)
    {
        if (classCount < 2) throw new ArgumentException($"the {Name} method needs labeled data with at least 2 classes");
        return new EmbeddingModel(encoder, new Linear(((IEncoder)encoder).HeadInputDim, classCount, bias: true, rng: rng));
    }

    public override ContrastiveMethod Create(MethodInputs inputs) => new Classifier(inputs.Model);
}
