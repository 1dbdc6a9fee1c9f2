using System.Numerics.Tensors;
using Contrastive.Gemm;

namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Fully connected layer y = x @ W^T + b, fused: one GEMM with transB and the bias pre-filled into
    /// the output (beta = 1). <paramref name="x"/> is (N, in) or (..., in), leading dimensions flattened;
    /// <paramref name="weight"/> is (out, in) as in PyTorch; <paramref name="bias"/> is (out) or null.
    /// </summary>
    /// <exception cref="ArgumentException">Ranks or sizes disagree; the message names the shapes.</exception>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank != 2 || x.Rank < 2 || x.Size(-1) != weight.Size(1))
            throw new ArgumentException($"linear: input {Shapes.Format(x.Shape)} does not fit weight {Shapes.Format(weight.Shape)} (need input (..., in) and weight (out, in))");
        int outF = weight.Size(0), inF = weight.Size(1), n = Shapes.Count(x.Shape[..^1]);
        if (bias is not null && (bias.Rank != 1 || bias.Length != outF))
            throw new ArgumentException($"linear: bias {Shapes.Format(bias.Shape)} does not match weight {Shapes.Format(weight.Shape)} (need ({outF}))");

        var y = BufferPool.Rent(n * outF); // every element written: the bias rows, or the GEMM with beta = 0
        if (bias is not null)
            for (var r = 0; r < n; r++) bias.Buffer.CopyTo(y, r * outF);
        var gemm = GemmProviders.Current;
        gemm.Sgemm(false, true, n, outF, inF, 1f, x.Buffer, inF, weight.Buffer, inF, bias is null ? 0f : 1f, y, outF);

        var shape = x.Shape.ToArray();
        shape[^1] = outF;
        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        return Tensor.FromOp(y, shape, "linear", inputs, g =>
        {
            // g is (N, out). dx = g @ W, dW = g^T @ x (both accumulated with beta = 1), db = column sums of g.
            if (x.TracksGrad) gemm.Sgemm(false, false, n, inF, outF, 1f, g, outF, weight.Buffer, inF, 1f, Tensor.GradBuffer(x), inF);
            if (weight.TracksGrad) gemm.Sgemm(true, false, outF, inF, n, 1f, g, outF, x.Buffer, inF, 1f, Tensor.GradBuffer(weight), inF);
            if (bias is not null && bias.TracksGrad)
            {
                var gb = Tensor.GradBuffer(bias);
                for (var r = 0; r < n; r++) TensorPrimitives.Add(gb, g.AsSpan(r * outF, outF), gb);
            }
        });
    }
}
