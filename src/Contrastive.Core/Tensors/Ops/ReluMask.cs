using System.Runtime.CompilerServices;

namespace Contrastive.Tensors;

/// <summary>
/// Where a ReLU fused after an affine map y = d * Scale + Offset (d = x - mean) lets the gradient through: y &gt; 0,
/// recomputed from the input with the forward pass's arithmetic so that it agrees with the forward output exactly.
/// </summary>
internal readonly record struct ReluMask(float Scale, float Offset)
{
    /// <summary>False for the default value: no ReLU, every gradient passes.</summary>
    public bool Enabled { get; } = true;

    /// <summary>True when the gradient at centred input <paramref name="d"/> passes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Passes(float d) => !Enabled || d * Scale + Offset > 0f;
}
