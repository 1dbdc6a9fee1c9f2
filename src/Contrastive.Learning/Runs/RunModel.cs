using Contrastive.Compression;
using Contrastive.IO;
using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Runs;

/// <summary>Loads the trained model of a run directory (config.json + model.safetensors) for embedding and evaluation.</summary>
public static class RunModel
{
    /// <summary>The run's configuration and its model with the trained weights (strict key match; int8 weights of a
    /// compressed run dequantised), in eval mode. For CLIP
    /// the encoder is the <see cref="TwoTowerModel"/>, whose image embeddings are the joint-space ones.</summary>
    /// <exception cref="FileNotFoundException">The directory lacks config.json or model.safetensors.</exception>
    /// <exception cref="InvalidDataException">The weights do not fit the configured architecture or the data's geometry.</exception>
    public static (TrainConfig Config, EmbeddingModel Model) Load(string runDirectory, InputGeometry input)
    {
        var run = RunDirectory.OfTrainedRun(runDirectory);
        var config = WholeBackboneIfUncut(TrainConfig.Load(run.Config));
        return (config, Create(config, ModelWeights.Read(run.Model), input, run.Model));
    }

    /// <summary>A resnet18-imagenet run written before the backbone could be cut records no stages: it used the whole
    /// network, globally pooled, not today's defaults.</summary>
    private static TrainConfig WholeBackboneIfUncut(TrainConfig config) =>
        config.Arch == ImageNetResNet18.Name && config.BackboneStages is null ? config with { BackboneStages = 4, PoolGrid = config.PoolGrid ?? 1 } : config;

    /// <summary>A pre-trained backbone with no training at all, as a run: the config names it, the model is its encoder
    /// (no head), in eval mode. Its embeddings are the "pre-trained features" baseline.</summary>
    /// <remarks>The input size, stages kept and pool grid default as in training (<see cref="TrainConfig.BackboneShape"/>,
    /// <see cref="TrainConfig.Readout"/>).</remarks>
    /// <exception cref="ArgumentException">The backbone is unknown or its shape invalid.</exception>
    /// <exception cref="FileNotFoundException">Its NuGet package is not restored on this machine.</exception>
    public static (TrainConfig Config, EmbeddingModel Model) Backbone(string name, int? inputSize = null, int? stages = null, int? poolGrid = null)
    {
        var config = new TrainConfig { Arch = name, Backbone = name, InputSize = inputSize, BackboneStages = stages, PoolGrid = poolGrid };
        config.Validate();
        var model = new EmbeddingModel(Backbones.Pretrained(name, config.BackboneShape(), config.Readout()), head: null);
        model.Eval();
        return (config, model);
    }

    /// <summary>The model <paramref name="config"/> describes, holding <paramref name="weights"/> (strict key match), in
    /// eval mode.</summary>
    /// <exception cref="InvalidDataException">The weights do not fit the configured architecture or the data's geometry;
    /// the message names <paramref name="source"/>.</exception>
    public static EmbeddingModel Create(TrainConfig config, IReadOnlyDictionary<string, Tensor> weights, InputGeometry input, string source)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(weights);
        // A classifier's linear head has one row per class it was trained on (projection heads are sequences: head.0.weight, ...).
        var classes = weights.TryGetValue("head.weight", out var head) ? head.Size(0) : 0;
        // CLIP's token table has one row per word of the run's tokenizer.
        var vocabulary = weights.TryGetValue("encoder.text_encoder.token_embedding.weight", out var tokens) ? tokens.Size(0) : 0;
        var model = MethodFactory.CreateModel(config, input, classes, (ulong)config.Seed, MethodSpecs.Get(config.Method).HasPredictor, vocabulary);
        try
        {
            model.LoadState(weights, strict: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{source} does not fit --arch {config.Arch} on this data: {e.Message}", e);
        }
        model.Eval();
        return model;
    }
}
