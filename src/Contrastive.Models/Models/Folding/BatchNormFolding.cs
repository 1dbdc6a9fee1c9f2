using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>
/// Folds eval-mode batch-norm into the preceding layer: with s = gamma / sqrt(running_var + eps),
/// W' = W * s (per output channel) and b' = beta + (b - running_mean) * s, so BN(conv(x)) = conv'(x).
/// </summary>
public static class BatchNormFolding
{
    /// <summary>The folded inference module of <paramref name="model"/>, or null when it cannot be folded
    /// (a layer this folder does not know). A <see cref="TwoTowerModel"/> folds to its image side, the folded image
    /// tower followed by the projection, which is what its <see cref="Module.Forward"/> computes.</summary>
    public static Module? TryFold(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model switch
        {
            IBatchNormFoldable foldable => foldable.FoldBatchNorm(),
            Sequential sequential => FoldLayers(sequential.Layers) is { } layers ? new Sequential([.. layers]) : null,
            TwoTowerModel towers => FoldLayers([towers.ImageEncoder, towers.ImageProjection]) is { } layers ? new Sequential([.. layers]) : null,
            _ => null,
        };
    }

    /// <summary>Folds a chain of layers (nested sequences flattened): Conv2d [+ BatchNorm2d] [+ ReLU],
    /// Linear [+ BatchNorm1d] [+ ReLU]; other foldable models, ReLU and average pooling pass through. Null when a layer
    /// is not known.</summary>
    internal static List<Module>? FoldLayers(IEnumerable<Module> chain)
    {
        var layers = Flatten(chain).ToList();
        var folded = new List<Module>(layers.Count);
        for (var i = 0; i < layers.Count; i++)
        {
            var norm = i + 1 < layers.Count ? layers[i + 1] as BatchNormBase : null;
            var next = i + (norm is null ? 1 : 2);
            var relu = next < layers.Count && layers[next] is ReLU;
            Module? layer = layers[i] switch
            {
                Conv2d conv when norm is null or BatchNorm2d => Conv(conv, norm, relu),
                Linear linear when norm is null or BatchNorm1d => Linear(linear, norm, relu),
                ReLU or GlobalAvgPool2d or GridAvgPool2d => layers[i],
                IBatchNormFoldable foldable => foldable.FoldBatchNorm(),
                _ => null,
            };
            if (layer is null) return null;
            folded.Add(layer);
            if (layer is FusedConv2d or FusedLinear) i = next - (relu ? 0 : 1);
        }
        return folded;
    }

    /// <summary><see cref="FoldLayers"/> for a model's own layers, which are all known.</summary>
    internal static List<Module> FoldKnownLayers(IEnumerable<Module> chain) =>
        FoldLayers(chain) ?? throw new InvalidOperationException("a layer of this model cannot be folded");

    /// <summary>Conv2d followed by an optional BatchNorm2d (and ReLU), folded.</summary>
    internal static FusedConv2d Conv(Conv2d conv, BatchNormBase? norm, bool relu)
    {
        var (weight, bias) = Fold(conv.Weight, conv.Bias, norm);
        return new FusedConv2d(weight, bias, conv.Stride, conv.Padding, relu);
    }

    /// <summary>Linear followed by an optional BatchNorm1d (and ReLU), folded.</summary>
    internal static FusedLinear Linear(Linear linear, BatchNormBase? norm, bool relu)
    {
        var (weight, bias) = Fold(linear.Weight, linear.Bias, norm);
        return new FusedLinear(weight, bias, relu);
    }

    private static IEnumerable<Module> Flatten(IEnumerable<Module> chain) =>
        chain.SelectMany(m => m is Sequential s ? Flatten(s.Layers) : [m]);

    /// <summary>W' = W * s and b' = beta + (b - mean) * s per output channel (row of W), in double precision.</summary>
    private static (Tensor Weight, Tensor Bias) Fold(Tensor weight, Tensor? bias, BatchNormBase? norm)
    {
        int channels = weight.Size(0), perChannel = weight.Length / channels;
        if (norm is not null && norm.Features != channels)
            throw new ArgumentException($"cannot fold {norm.GetType().Name}({norm.Features}) into a layer with {channels} output channels");
        var w = weight.ToArray();
        var b = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            double shift = bias?.Span[c] ?? 0, scale = 1;
            if (norm is not null)
            {
                scale = norm.Weight.Span[c] / Math.Sqrt((double)norm.RunningVar.Span[c] + norm.Eps);
                shift = norm.Bias.Span[c] + (shift - norm.RunningMean.Span[c]) * scale;
            }
            b[c] = (float)shift;
            var row = w.AsSpan(c * perChannel, perChannel);
            for (var k = 0; k < row.Length; k++) row[k] = (float)(row[k] * scale);
        }
        return (new Tensor(w, weight.Shape), new Tensor(b, [channels]));
    }
}
