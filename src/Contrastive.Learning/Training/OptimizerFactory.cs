using Contrastive.Optim;
using Contrastive.Tensors;

namespace Contrastive.Training;

/// <summary>Builds the optimiser a <see cref="TrainConfig"/> names over a method's trainable parameters.</summary>
public static class OptimizerFactory
{
    /// <summary>Creates SGD (momentum 0.9), AdamW or LARS (momentum 0.9, 1-d parameters excluded from decay and trust scaling).</summary>
    public static Optimizer Create(TrainConfig config, IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lr = BaseLearningRate(config);
        var decay = config.WeightDecay ?? MethodDefaults.WeightDecay(config.Optimizer);
        var list = parameters.ToList();
        return config.Optimizer switch
        {
            "sgd" => new Sgd(list, lr, momentum: 0.9f, weightDecay: decay),
            "adamw" => new AdamW(list, lr, weightDecay: decay),
            "lars" => new Lars(list, lr, momentum: 0.9f, weightDecay: decay),
            _ => throw new ArgumentException($"unknown optimizer '{config.Optimizer}' (expected {string.Join(", ", MethodDefaults.Optimizers)})"),
        };
    }

    /// <summary>The configured learning rate or the optimiser's default for the batch size.</summary>
    public static float BaseLearningRate(TrainConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Lr ?? MethodDefaults.LearningRate(config.Method, config.Optimizer, config.Batch,
            config.ProjectionDim ?? MethodDefaults.ProjectionDim(config.Method));
    }
}
