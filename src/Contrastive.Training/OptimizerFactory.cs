using Contrastive.Optim;
using Contrastive.Tensors;

namespace Contrastive.Training;

/// <summary>Builds the optimiser <see cref="OptimizerSettings"/> name over a method's trainable parameters.</summary>
public static class OptimizerFactory
{
    /// <summary>
    /// Creates SGD (momentum 0.9), AdamW or LARS (momentum 0.9, 1-d parameters excluded from decay and trust scaling).
    /// The parameters in <paramref name="withoutDecay"/> (such as CLIP's logit scale) form a group with no weight decay,
    /// and those in <paramref name="fixedLearningRate"/> (SimSiam's predictor) one the schedule leaves at the base
    /// learning rate; each group exists only when it has parameters, after the main one.
    /// </summary>
    public static Optimizer Create(OptimizerSettings settings, IEnumerable<Tensor> parameters, IEnumerable<Tensor>? withoutDecay = null,
        IEnumerable<Tensor>? fixedLearningRate = null, IEnumerable<Tensor>? encoder = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(parameters);
        var (optimizer, lr, decay) = (settings.Name, settings.LearningRate, settings.WeightDecay);
        var exempt = (withoutDecay ?? []).ToHashSet(ReferenceEqualityComparer.Instance);
        var fixedLr = (fixedLearningRate ?? []).ToHashSet(ReferenceEqualityComparer.Instance);
        var list = parameters.ToList();
        var free = list.Where(exempt.Contains).ToList();
        var unscheduled = list.Where(p => fixedLr.Contains(p) && !exempt.Contains(p)).ToList();
        // discriminative learning rates: the encoder's decayed, scheduled parameters at lr * EncoderLrScale
        var scaled = settings.EncoderLrScale is null ? [] : (encoder ?? []).ToHashSet(ReferenceEqualityComparer.Instance);
        List<ParameterGroup> groups = [new ParameterGroup(list.Where(p => !exempt.Contains(p) && !fixedLr.Contains(p) && !scaled.Contains(p)), lr, decay)];
        var encoderGroup = list.Where(p => scaled.Contains(p) && !exempt.Contains(p) && !fixedLr.Contains(p)).ToList();
        if (encoderGroup.Count > 0) groups.Add(new ParameterGroup(encoderGroup, lr * settings.EncoderLrScale!.Value, decay));
        if (free.Count > 0) groups.Add(new ParameterGroup(free, lr, weightDecay: 0f));
        if (unscheduled.Count > 0) groups.Add(new ParameterGroup(unscheduled, lr, decay) { Scheduled = false });
        return optimizer switch
        {
            "sgd" => new Sgd(groups, momentum: 0.9f),
            "adamw" => new AdamW(groups),
            "lars" => new Lars(groups, momentum: 0.9f),
            _ => throw new ArgumentException($"unknown optimizer '{optimizer}' (expected {string.Join(", ", OptimizerSettings.Names)})"),
        };
    }
}
