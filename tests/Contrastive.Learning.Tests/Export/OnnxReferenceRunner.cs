namespace Contrastive.Learning.Tests.Export;

/// <summary>
/// Runs an ONNX graph of Conv, Gemm, Relu, Add, GlobalAveragePool and Flatten with naive loops written from the ONNX
/// operator specification (opset 13), in double precision: an executor that shares no code with the engine, so an
/// exported graph that disagrees with the spec (pads order, transB, Flatten axis) disagrees with the engine here.
/// </summary>
internal static class OnnxReferenceRunner
{
    public static (int[] Shape, double[] Data) Run(OnnxModelReader model, int[] inputShape, float[] input)
    {
        var values = new Dictionary<string, (int[] Shape, double[] Data)>
        {
            [model.Inputs.Single().Name] = (inputShape, Array.ConvertAll(input, v => (double)v)),
        };
        foreach (var (name, (dims, data)) in model.Initializers)
            values[name] = (Array.ConvertAll(dims, d => (int)d), Array.ConvertAll(data, v => (double)v));
        foreach (var node in model.Nodes)
        {
            var x = values[node.Inputs[0]];
            values[node.Outputs.Single()] = node.OpType switch
            {
                "Conv" => Conv(x, values[node.Inputs[1]], node.Inputs.Count > 2 ? values[node.Inputs[2]].Data : null, node.Attributes),
                "Gemm" => Gemm(x, values[node.Inputs[1]], values[node.Inputs[2]].Data, node.Attributes),
                "Relu" => (x.Shape, Array.ConvertAll(x.Data, v => Math.Max(v, 0))),
                "Add" => (x.Shape, x.Data.Zip(values[node.Inputs[1]].Data, (a, b) => a + b).ToArray()),
                "GlobalAveragePool" => GlobalAveragePool(x),
                "Flatten" => Flatten(x, (int)node.Attributes["axis"][0]),
                _ => throw new NotSupportedException($"the reference runner has no {node.OpType}"),
            };
        }
        return values[model.Outputs.Single().Name];
    }

    /// <summary>Conv: pads are [x1_begin, x2_begin, x1_end, x2_end]; out = floor((in + begin + end - k) / stride) + 1;
    /// with group = G, output channel o reads input channels [o / (M / G) * C / G, ... + C / G); no bias input means 0.</summary>
    private static (int[], double[]) Conv((int[] Shape, double[] Data) x, (int[] Shape, double[] Data) w, double[]? bias, Dictionary<string, long[]> attributes)
    {
        var (n, h, width) = (x.Shape[0], x.Shape[2], x.Shape[3]);
        var (m, c, kh, kw) = (w.Shape[0], w.Shape[1], w.Shape[2], w.Shape[3]);
        var groups = attributes.TryGetValue("group", out var g) ? (int)g[0] : 1;
        Assert.Equal(x.Shape[1], c * groups);
        Assert.Equal(new long[] { kh, kw }, attributes["kernel_shape"]);
        var (strides, pads) = (attributes["strides"], attributes["pads"]);
        var oh = (int)((h + pads[0] + pads[2] - kh) / strides[0] + 1);
        var ow = (int)((width + pads[1] + pads[3] - kw) / strides[1] + 1);
        var y = new double[n * m * oh * ow];
        for (var b = 0; b < n; b++)
            for (var o = 0; o < m; o++)
                for (var i = 0; i < oh; i++)
                    for (var j = 0; j < ow; j++)
                    {
                        var sum = bias?[o] ?? 0;
                        var first = o / (m / groups) * c;
                        for (var ci = 0; ci < c; ci++)
                            for (var u = 0; u < kh; u++)
                                for (var v = 0; v < kw; v++)
                                {
                                    var (row, col) = (i * (int)strides[0] - (int)pads[0] + u, j * (int)strides[1] - (int)pads[1] + v);
                                    if (row < 0 || row >= h || col < 0 || col >= width) continue;
                                    sum += x.Data[((b * c * groups + first + ci) * h + row) * width + col] * w.Data[((o * c + ci) * kh + u) * kw + v];
                                }
                        y[((b * m + o) * oh + i) * ow + j] = sum;
                    }
        return ([n, m, oh, ow], y);
    }

    /// <summary>Gemm with transB = 1: Y = A · Bᵀ + C.</summary>
    private static (int[], double[]) Gemm((int[] Shape, double[] Data) a, (int[] Shape, double[] Data) b, double[] c, Dictionary<string, long[]> attributes)
    {
        Assert.Equal(1, attributes["transB"].Single());
        var (n, k, m) = (a.Shape[0], a.Shape[1], b.Shape[0]);
        Assert.Equal(k, b.Shape[1]);
        var y = new double[n * m];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < m; j++)
            {
                var sum = c[j];
                for (var t = 0; t < k; t++) sum += a.Data[i * k + t] * b.Data[j * k + t];
                y[i * m + j] = sum;
            }
        return ([n, m], y);
    }

    private static (int[], double[]) GlobalAveragePool((int[] Shape, double[] Data) x)
    {
        var (nc, area) = (x.Shape[0] * x.Shape[1], x.Shape[2] * x.Shape[3]);
        var y = new double[nc];
        for (var i = 0; i < nc; i++) y[i] = x.Data.AsSpan(i * area, area).ToArray().Average();
        return ([x.Shape[0], x.Shape[1], 1, 1], y);
    }

    /// <summary>Flatten: (d0 · ... · d(axis-1), d(axis) · ... · d(n-1)).</summary>
    private static (int[], double[]) Flatten((int[] Shape, double[] Data) x, int axis)
    {
        var outer = x.Shape[..axis].Aggregate(1, (p, d) => p * d);
        return ([outer, x.Data.Length / outer], x.Data);
    }
}
