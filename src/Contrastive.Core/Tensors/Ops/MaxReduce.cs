namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>The maximum along <paramref name="dim"/>; the gradient goes to the first maximum (argmax).</summary>
    public static Tensor Max(Tensor x, int dim, bool keepDim = false) => MaxWithIndices(x, dim, keepDim).Values;

    /// <summary>
    /// The maximum along <paramref name="dim"/> and its index (the first one on ties; a NaN wins, as in
    /// PyTorch). The gradient of each maximum flows to that index only.
    /// </summary>
    public static MaxResult MaxWithIndices(Tensor x, int dim, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (outer, size, inner, reduced) = SplitAt(x, dim, keepDim);
        if (size == 0) throw new ArgumentException($"max over the empty dimension {dim} of shape {Shapes.Format(x.Shape)}");
        var xv = x.Buffer;
        var values = new float[outer * inner];
        var indices = new int[outer * inner];
        for (var o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                var row = xv.AsSpan(o * size, size);
                indices[o] = FirstMax(row);
                values[o] = row[indices[o]];
                continue;
            }
            // Strided lines: sweep the dimension once, updating every inner position.
            var best = values.AsSpan(o * inner, inner);
            var at = indices.AsSpan(o * inner, inner);
            xv.AsSpan(o * size * inner, inner).CopyTo(best);
            for (var d = 1; d < size; d++)
            {
                var slice = xv.AsSpan((o * size + d) * inner, inner);
                for (var i = 0; i < inner; i++)
                    if (slice[i] > best[i] || (float.IsNaN(slice[i]) && !float.IsNaN(best[i]))) { best[i] = slice[i]; at[i] = d; }
            }
        }
        var result = Tensor.FromOp(values, reduced, "max_dim", [x], g =>
        {
            var gx = Tensor.GradBuffer(x);
            for (var o = 0; o < outer; o++)
                for (var i = 0; i < inner; i++)
                    gx[(o * size + indices[o * inner + i]) * inner + i] += g[o * inner + i];
        });
        return new MaxResult(result, (int[])indices.Clone());
    }

    // The first index of the maximum of a row; the first NaN if there is one.
    private static int FirstMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var i = 1; i < row.Length; i++)
        {
            if (float.IsNaN(row[best])) break;
            if (row[i] > row[best] || float.IsNaN(row[i])) best = i;
        }
        return best;
    }
}
