using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>PyTorch's default parameter initialisations.</summary>
public static class Init
{
    /// <summary>
    /// PyTorch's default for Linear/Conv weights and biases: kaiming_uniform_(a = sqrt 5), which reduces
    /// to U(-b, b) with b = 1 / sqrt(fan_in) (gain sqrt(2/(1+a^2)) = sqrt(1/3), bound = sqrt(3) * gain / sqrt(fan_in)).
    /// </summary>
    public static Tensor DefaultUniform(Rng rng, int fanIn, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (fanIn <= 0) throw new ArgumentOutOfRangeException(nameof(fanIn), $"fan_in must be positive, got {fanIn}");
        var bound = 1f / MathF.Sqrt(fanIn);
        return Tensor.Uniform(rng, -bound, bound, shape);
    }
}
