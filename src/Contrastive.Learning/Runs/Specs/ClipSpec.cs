using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Runs;

/// <summary>CLIP (<see cref="Clip"/>): an image tower and a Transformer text tower trained on image-text pairs with a learned temperature.</summary>
internal sealed class ClipSpec : MethodSpec
{
    public override string Name => Clip.Id;

    public override IReadOnlyList<string> Options { get; } = ["max-text-length", "text-width", "text-layers"];

    /// <summary>AdamW, as Radford et al. 2021.</summary>
    public override string Optimizer => "adamw";

    /// <summary>2e-3 with AdamW: the small text tower trains from scratch.</summary>
    public override IReadOnlyList<LearningRateRule> LearningRateRules { get; } = [new(Clip.Id, "adamw", "2e-3", (_, _) => 2e-3f)];

    /// <summary>1: the image tower's projection reads the global average.</summary>
    public override int PoolGrid => 1;

    public override int ViewsPerSample => 1;

    public override bool TwoTowers => true;

    /// <summary>The two towers (<see cref="MethodFactory.CreateTowers"/>) as the encoder, no head.</summary>
    public override EmbeddingModel CreateModel(TrainConfig config, Module encoder, int classCount, int vocabularySize, Rng rng, bool withPredictor) =>
        new(MethodFactory.CreateTowers(config, encoder, vocabularySize, rng), head: null);

    public override ContrastiveMethod Create(MethodInputs inputs) => new Clip((TwoTowerModel)inputs.Model.Encoder);
}
