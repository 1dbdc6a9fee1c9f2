namespace Contrastive.Tensors;

/// <summary>Shape arithmetic shared by every op: element counts, formatting, broadcasting.</summary>
public static class Shapes
{
    /// <summary>The number of elements of a shape (1 for a scalar).</summary>
    public static int Count(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"negative dimension in shape {Format(shape)}");
            n *= d;
        }
        if (n > int.MaxValue) throw new ArgumentException($"shape {Format(shape)} has more than 2^31 elements");
        return (int)n;
    }

    /// <summary>Formats a shape as <c>(2, 3)</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape) => "(" + string.Join(", ", shape.ToArray()) + ")";

    /// <summary>Maps a possibly negative dimension index onto 0..rank-1.</summary>
    public static int NormalizeDim(int dim, int rank)
    {
        var d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank) throw new ArgumentOutOfRangeException(nameof(dim), $"dimension {dim} is out of range for a tensor of rank {rank}");
        return d;
    }

    /// <summary>The flat offset of a multi-dimensional index.</summary>
    public static int Offset(ReadOnlySpan<int> shape, ReadOnlySpan<int> index)
    {
        if (index.Length != shape.Length) throw new ArgumentException($"index of rank {index.Length} for shape {Format(shape)}");
        var offset = 0;
        for (var i = 0; i < shape.Length; i++)
        {
            if ((uint)index[i] >= (uint)shape[i]) throw new IndexOutOfRangeException($"index {index[i]} out of range for dimension {i} of shape {Format(shape)}");
            offset = offset * shape[i] + index[i];
        }
        return offset;
    }

    /// <summary>Row-major strides of a shape.</summary>
    public static int[] Strides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        var s = 1;
        for (var i = shape.Length - 1; i >= 0; i--) { strides[i] = s; s *= shape[i]; }
        return strides;
    }

    /// <summary>NumPy broadcasting of two shapes.</summary>
    /// <exception cref="ArgumentException">The shapes are not broadcast-compatible; the message names both.</exception>
    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b, string op)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            var db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"{op}: shapes {Format(a)} and {Format(b)} cannot be broadcast together");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>Strides for reading a tensor of <paramref name="shape"/> as if it had <paramref name="target"/> (0 on broadcast dims).</summary>
    public static int[] BroadcastStrides(ReadOnlySpan<int> shape, ReadOnlySpan<int> target)
    {
        var own = Strides(shape);
        var strides = new int[target.Length];
        var lead = target.Length - shape.Length;
        for (var i = 0; i < target.Length; i++)
        {
            var j = i - lead;
            strides[i] = j >= 0 && shape[j] != 1 ? own[j] : 0;
        }
        return strides;
    }

    /// <summary>Throws unless two shapes are equal.</summary>
    public static void RequireEqual(ReadOnlySpan<int> a, ReadOnlySpan<int> b, string op)
    {
        if (!a.SequenceEqual(b)) throw new ArgumentException($"{op}: shapes {Format(a)} and {Format(b)} must be equal");
    }
}
