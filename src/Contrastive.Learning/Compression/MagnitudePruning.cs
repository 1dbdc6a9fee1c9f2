using Contrastive.IO;
using Contrastive.Tensors;

namespace Contrastive.Compression;

/// <summary>
/// Unstructured magnitude pruning (Han et al. 2015), one-shot and without retraining: in every weight that
/// <see cref="Int8Quantization.Applies"/> to, the floor(p * n) of its n entries smallest in absolute value become zero.
/// Layer by layer rather than one global threshold, so a small layer (the first convolution) keeps the same share of its
/// weights as a large one.
/// </summary>
public static class MagnitudePruning
{
    /// <summary>A copy of <paramref name="weight"/> with its smallest-magnitude <paramref name="fraction"/> set to zero.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is outside [0, 1).</exception>
    public static Tensor Prune(Tensor weight, double fraction)
    {
        ArgumentNullException.ThrowIfNull(weight);
        CheckFraction(fraction);
        var values = weight.ToArray();
        var count = (int)Math.Floor(fraction * values.Length);
        if (count == 0) return new Tensor(values, weight.Shape);
        var magnitudes = values.Select(Math.Abs).ToArray();
        var order = Enumerable.Range(0, values.Length).ToArray();
        Array.Sort(magnitudes, order);
        foreach (var i in order.AsSpan(0, count)) values[i] = 0;
        return new Tensor(values, weight.Shape);
    }

    /// <summary>The entries with every weight <see cref="Int8Quantization.Applies"/> to pruned, the others unchanged.</summary>
    public static IReadOnlyList<(string Name, Tensor Tensor, SafeTensorsDtype Dtype)> PruneEntries(IEnumerable<(string Name, Tensor Tensor, SafeTensorsDtype Dtype)> entries, double fraction)
    {
        ArgumentNullException.ThrowIfNull(entries);
        CheckFraction(fraction);
        return entries.Select(e => Int8Quantization.Applies(e.Name, e.Tensor, e.Dtype) ? (e.Name, Prune(e.Tensor, fraction), e.Dtype) : e).ToList();
    }

    private static void CheckFraction(double fraction)
    {
        if (!(fraction is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the pruned fraction must be in [0, 1)");
    }
}
