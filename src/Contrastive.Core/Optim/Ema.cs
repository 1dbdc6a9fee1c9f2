using System.Numerics.Tensors;
using Contrastive.Nn;
using Contrastive.Tensors;
using Tensor = Contrastive.Tensors.Tensor;

namespace Contrastive.Optim;

/// <summary>
/// Exponential moving averages of a network, for momentum encoders (MoCo) and BYOL/DINO targets.
/// </summary>
public static class Ema
{
    /// <summary>
    /// target = m * target + (1 - m) * online for every parameter of the target (paired by name); buffers
    /// (batch-norm statistics) are copied from the online network. The online network may hold more (BYOL's
    /// predictor has no target counterpart). No autograd is recorded.
    /// </summary>
    /// <exception cref="ArgumentException">A target tensor has no online counterpart of the same shape; the message names it.</exception>
    public static void Update(Module target, Module online, float momentum)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(online);
        if (!(momentum >= 0f && momentum <= 1f)) throw new ArgumentOutOfRangeException(nameof(momentum), $"momentum must be in [0, 1], got {momentum}");
        foreach (var (t, o) in Pair(target.NamedParameters(), online.NamedParameters(), "parameters"))
        {
            TensorPrimitives.Multiply(t.Span, momentum, t.Span);
            TensorPrimitives.MultiplyAdd(o.Span, 1f - momentum, t.Span, t.Span);
        }
        var buffers = Pair(target.NamedBuffers().Select(b => (b.Name, b.Tensor)), online.NamedBuffers().Select(b => (b.Name, b.Tensor)), "buffers");
        foreach (var (t, o) in buffers) t.CopyFrom(o.Span);
    }

    /// <summary>
    /// BYOL's momentum schedule: m(k) = 1 - (1 - m0) * (cos(pi * k / K) + 1) / 2, rising from m0 at k = 0
    /// to 1 at k = K (steps past K stay at 1).
    /// </summary>
    public static float CosineMomentum(float baseMomentum, long step, long totalSteps)
    {
        if (!(baseMomentum >= 0f && baseMomentum <= 1f)) throw new ArgumentOutOfRangeException(nameof(baseMomentum), $"base momentum must be in [0, 1], got {baseMomentum}");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        var k = Math.Min(step, totalSteps);
        return (float)(1 - (1 - (double)baseMomentum) * (Math.Cos(Math.PI * k / totalSteps) + 1) / 2);
    }

    private static List<(Tensor Target, Tensor Online)> Pair(IEnumerable<(string Name, Tensor Tensor)> target, IEnumerable<(string Name, Tensor Tensor)> online, string what)
    {
        var byName = online.ToDictionary(o => o.Name, o => o.Tensor, StringComparer.Ordinal);
        var pairs = new List<(Tensor, Tensor)>();
        foreach (var (name, t) in target)
        {
            if (!byName.TryGetValue(name, out var o))
                throw new ArgumentException($"EMA: target {what[..^1]} '{name}' has no counterpart in the online network");
            if (!t.Shape.SequenceEqual(o.Shape))
                throw new ArgumentException($"EMA: target {what[..^1]} '{name}' {Shapes.Format(t.Shape)} does not match online {Shapes.Format(o.Shape)}");
            pairs.Add((t, o));
        }
        return pairs;
    }
}
