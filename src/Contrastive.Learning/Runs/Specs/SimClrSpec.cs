using Contrastive.Data.Augmentations;
using Contrastive.Methods;

namespace Contrastive.Runs;

/// <summary>SimCLR (<see cref="SimClr"/>): NT-Xent over two or more views, optionally decoupled (DCL), multi-crop or cached in chunks.</summary>
internal sealed class SimClrSpec : MethodSpec
{
    public override string Name => SimClr.Id;

    public override IReadOnlyList<string> Options { get; } = [.. ProjectionOptions, "temperature", "grad-cache-chunk", "views", "decoupled", "local-crops"];

    /// <summary>0.2, not the paper's 0.5, which learned less on the demo (BENCHMARKS.md, "Method defaults and why").</summary>
    public override float Temperature => 0.2f;

    /// <summary>SimCLR's recipe <see cref="TrainConfig.Views"/> times, or with <see cref="TrainConfig.LocalCrops"/> two global
    /// views and that many local ones of <see cref="Runs.ImageViews.LocalCropSize"/>.</summary>
    public override AugmentationPipeline[] ImageViews(TrainConfig config, ImageGeometry geometry, float strength, bool flip) =>
        config.LocalCrops is > 0
            ? [.. AugmentationPresets.MultiCrop(geometry, geometry.Height, Runs.ImageViews.LocalCropSize(geometry.Height), config.LocalCrops.Value, strength, flip)]
            : base.ImageViews(config, geometry, strength, flip);

    public override ContrastiveMethod Create(MethodInputs inputs) =>
        new SimClr(inputs.Model, inputs.Temperature) { GradCache = inputs.GradCache, Decoupled = inputs.Config.Decoupled };
}
