using System.Runtime.CompilerServices;

namespace Contrastive.Tensors;

/// <summary>
/// A float32 tensor with a shape and row-major contiguous storage, optionally recording the
/// operations that produced it so that <see cref="Backward()"/> can compute gradients.
/// </summary>
/// <remarks>
/// Only tensors created with <c>requiresGrad: true</c> (parameters) and the results of operations on
/// them take part in autograd. Gradients accumulate into <see cref="Grad"/> (<c>+=</c>), so a tensor used
/// twice receives the sum of both contributions, as in PyTorch.
/// </remarks>
public sealed partial class Tensor
{
    private readonly int[] _shape;

    /// <summary>Creates a tensor of the given shape over <paramref name="data"/> (not copied).</summary>
    /// <exception cref="ArgumentException">The data length does not match the shape.</exception>
    public Tensor(float[] data, ReadOnlySpan<int> shape, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        _shape = shape.ToArray();
        Length = Shapes.Count(_shape);
        if (data.Length != Length)
            throw new ArgumentException($"data has {data.Length} elements but shape {Shapes.Format(_shape)} needs {Length}", nameof(data));
        Buffer = data;
        RequiresGrad = requiresGrad;
    }

    /// <summary>The raw storage; exactly <see cref="Length"/> elements in row-major order.</summary>
    internal float[] Buffer { get; private set; }

    /// <summary>The elements in row-major order.</summary>
    public Span<float> Span => Buffer.AsSpan();

    /// <summary>The elements in row-major order, as memory that may be captured by closures.</summary>
    public Memory<float> Memory => Buffer.AsMemory();

    /// <summary>The shape (sizes of each dimension).</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The total number of elements.</summary>
    public int Length { get; }

    /// <summary>Whether this tensor is a leaf that accumulates a gradient (a parameter).</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>The accumulated gradient, or null before the first backward pass reaches this tensor.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>The operation that produced this tensor, when it is part of an autograd graph.</summary>
    internal GradNode? Node { get; set; }

    /// <summary>True when gradients flow into this tensor: a parameter, or the result of an op on one.</summary>
    public bool TracksGrad => RequiresGrad || Node is not null;

    /// <summary>The size of dimension <paramref name="dim"/>; negative values count from the end.</summary>
    public int Size(int dim) => _shape[Shapes.NormalizeDim(dim, Rank)];

    /// <summary>The single value of a one-element tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more than one element.</exception>
    public float Item()
    {
        if (Length != 1)
            throw new InvalidOperationException($"Item() needs a one-element tensor, got shape {Shapes.Format(_shape)}");
        return Buffer[0];
    }

    /// <summary>Element access by multi-dimensional index (slow; for tests and small tensors).</summary>
    [IndexerName("At")]
    public float this[params int[] index]
    {
        get => Buffer[Shapes.Offset(_shape, index)];
        set => Buffer[Shapes.Offset(_shape, index)] = value;
    }

    /// <summary>A copy of the elements as a new array.</summary>
    public float[] ToArray() => (float[])Buffer.Clone();

    /// <summary>A tensor sharing no graph with this one: same values (copied), no gradient history.</summary>
    public Tensor Detach() => new((float[])Buffer.Clone(), _shape);

    /// <summary>A copy that shares storage but carries no gradient history (cheap; do not mutate either).</summary>
    public Tensor DetachShared() => new(Buffer, _shape);

    /// <summary>Overwrites the values in place from <paramref name="values"/> (same length); no autograd.</summary>
    public void CopyFrom(ReadOnlySpan<float> values)
    {
        if (values.Length != Length)
            throw new ArgumentException($"cannot copy {values.Length} values into a tensor of shape {Shapes.Format(_shape)}");
        values.CopyTo(Buffer);
    }

    /// <summary>Sets the gradient to null (the next backward pass starts from zero).</summary>
    public void ZeroGrad() => Grad = null;

    /// <inheritdoc />
    public override string ToString() =>
        $"Tensor{Shapes.Format(_shape)}" + (Length <= 8 ? " [" + string.Join(", ", Buffer.Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture))) + "]" : "");

    /// <summary>
    /// Returns the gradient buffer of <paramref name="t"/>, creating a zero-filled one on first use (from
    /// <see cref="BufferPool"/> for intermediate tensors, whose gradients <see cref="Backward(Tensor)"/> gives back).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float[] GradBuffer(Tensor t)
    {
        t.Grad ??= new Tensor(t.RequiresGrad ? new float[t.Length] : BufferPool.RentZeroed(t.Length), t._shape);
        return t.Grad.Buffer;
    }
}
