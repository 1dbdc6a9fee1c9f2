using Contrastive.Data.Augmentations;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Runs;

/// <summary>
/// Everything the library knows about one training method in one place: its name, the method-specific options it takes,
/// its defaults (temperature, projection size, optimiser and learning-rate rule, margin, pool grid), its heads, the image
/// views it trains on and how its <see cref="Methods.ContrastiveMethod"/> is built. <see cref="MethodSpecs"/> lists them;
/// adding a method is one spec file beside its loss.
/// </summary>
public abstract class MethodSpec
{
    /// <summary>The options of every method that trains one image encoder: freezing and the extra image augmentations.</summary>
    protected static readonly string[] EncoderOptions = ["freeze-encoder", "encoder-lr-scale", "train-blocks", "rotation", "noise", "erasing", "curriculum-start"];

    /// <summary><see cref="EncoderOptions"/> plus those of a projection head on SimCLR's views: its hidden width and the crop scale.</summary>
    protected static readonly string[] ProjectionOptions = [.. EncoderOptions, "hidden-dim", "crop-scale"];

    /// <summary>The name <c>--method</c> takes.</summary>
    public abstract string Name { get; }

    /// <summary>The method-specific options (config.json names) this method takes; an option no method lists applies to all.</summary>
    public abstract IReadOnlyList<string> Options { get; }

    /// <summary>The loss temperature when none is given.</summary>
    public virtual float Temperature => 0.5f;

    /// <summary>The projection size of a method that sets none: the bench spec's 64.</summary>
    public const int DefaultProjectionDim = 64;

    /// <summary>The optimiser of a method that sets none.</summary>
    public const string DefaultOptimizer = "sgd";

    /// <summary>The projection size when none is given.</summary>
    public virtual int ProjectionDim => DefaultProjectionDim;

    /// <summary>The optimiser when none is given.</summary>
    public virtual string Optimizer => DefaultOptimizer;

    /// <summary>This method's own default learning rates, consulted before the general ones of <see cref="MethodSpecs.LearningRateRules"/>.</summary>
    public virtual IReadOnlyList<LearningRateRule> LearningRateRules => [];

    /// <summary>The margin of a metric-learning loss when none is given.</summary>
    public virtual float Margin => 0.2f;

    /// <summary>The bench ConvNet's pool grid when none is given (<see cref="TrainConfig.PoolGrid"/>).</summary>
    public virtual int PoolGrid => 3;

    /// <summary>True when the method trains an online network against a predictor head (BYOL, SimSiam).</summary>
    public virtual bool HasPredictor => false;

    /// <summary>True when the projection head ends in an affine-free batch norm (<see cref="Heads.NormalizedProjection"/>).</summary>
    public virtual bool NormalizesProjection => false;

    /// <summary>Views of each sample per step: 2 for the contrastive and self-distillation methods.</summary>
    public virtual int ViewsPerSample => 2;

    /// <summary>True when batches must hold several samples of each class (P classes x K samples), as in-batch positives need.</summary>
    public virtual bool BalancesClasses => false;

    /// <summary>True for an image tower and a text tower trained on image-text pairs (CLIP) instead of one encoder.</summary>
    public virtual bool TwoTowers => false;

    /// <summary>The batch size this method fixes when none is given, or null for the size rule of <see cref="MethodDefaults.Batch"/>.</summary>
    public virtual int? Batch(string miner) => null;

    /// <summary>The predictor's hidden width.</summary>
    public virtual int PredictorHiddenDim(int projectionDim, int hiddenDim) => hiddenDim;

    /// <summary>The image views at augmentation <paramref name="strength"/>: SimCLR's recipe, <see cref="TrainConfig.Views"/> times.</summary>
    public virtual AugmentationPipeline[] ImageViews(TrainConfig config, ImageGeometry geometry, float strength, bool flip) =>
        Enumerable.Repeat(AugmentationPresets.SimClr(geometry, geometry.Height, strength, flip, config.CropScale), config.Views ?? 2).ToArray();

    /// <summary>The online model: <paramref name="encoder"/> with a projection head (and a predictor when asked).</summary>
    /// <param name="config">The run configuration.</param>
    /// <param name="encoder">The freshly built encoder.</param>
    /// <param name="classCount">Classes of the labels (used by a classifier head).</param>
    /// <param name="vocabularySize">Token ids of the captions' tokenizer (used by a text tower).</param>
    /// <param name="rng">The generator of the heads' initial weights.</param>
    /// <param name="withPredictor">Whether to add the predictor head (the online network of a predictor method, not its target).</param>
    public virtual EmbeddingModel CreateModel(TrainConfig config, Module encoder, int classCount, int vocabularySize, Rng rng, bool withPredictor)
    {
        ArgumentNullException.ThrowIfNull(config);
        var width = ((IEncoder)encoder).HeadInputDim;
        var projection = config.ProjectionDim ?? ProjectionDim;
        var head = NormalizesProjection
            ? Heads.NormalizedProjection(rng, width, config.HiddenDim, projection)
            : Heads.Projection(rng, width, config.HiddenDim, projection);
        var predictor = withPredictor ? Heads.Predictor(rng, projection, PredictorHiddenDim(projection, config.HiddenDim)) : null;
        return new EmbeddingModel(encoder, head, predictor);
    }

    /// <summary>The method around its online model.</summary>
    public abstract Methods.ContrastiveMethod Create(MethodInputs inputs);
}
