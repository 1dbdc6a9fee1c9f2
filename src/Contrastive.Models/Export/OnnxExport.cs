using Contrastive.IO;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;
using Attribute = Contrastive.Export.OnnxGraph.Attribute;

namespace Contrastive.Export;

/// <summary>
/// Exports an encoder to ONNX for inference: batch-norm is folded first (<see cref="BatchNormFolding"/>), so the graph
/// is Conv / Gemm (with folded weights), Relu, Add, GlobalAveragePool and Flatten (a grid pool is a grouped Conv whose
/// fixed weights average each cell), and computes what
/// the training library's <c>Embedder</c> computes: input "input" of shape (N, C, H, W) or (N, F), output "embedding" of shape (N, D).
/// The bench ConvNet, ResNet-18 and the MLP export, and the image side of a CLIP two-tower model built on one of them
/// (image tower then projection into the joint space).
/// </summary>
public static class OnnxExport
{
    /// <summary>The input's name in the exported graph.</summary>
    public const string InputName = "input";

    /// <summary>The output's name in the exported graph.</summary>
    public const string OutputName = "embedding";

    /// <summary>The ONNX model (ModelProto bytes) of <paramref name="encoder"/> for inputs of <paramref name="input"/>'s geometry.</summary>
    /// <exception cref="NotSupportedException">The encoder has a layer the exporter does not know.</exception>
    public static byte[] ToBytes(Module encoder, InputGeometry input, string graphName = "encoder")
    {
        ArgumentNullException.ThrowIfNull(encoder);
        if (!BitConverter.IsLittleEndian) throw new NotSupportedException("ONNX export writes little-endian raw data; this machine is big-endian");
        var folded = BatchNormFolding.TryFold(encoder)
            ?? throw new NotSupportedException($"cannot export {encoder.GetType().Name} to ONNX: only encoders made of convolution, linear, batch-norm, ReLU and pooling layers export");
        var graph = new OnnxGraph();
        int[] shape = input.IsImage ? [input.Channels, input.Height, input.Width] : [input.Features];
        var output = Emit(graph, folded, InputName, shape);
        return graph.ToModel(InputName, shape, output, OutputName, OutputDim(folded, input), graphName, "Contrastive.NET");
    }

    /// <summary>Writes <see cref="ToBytes"/> to <paramref name="path"/>, atomically (a crash leaves any previous file intact).</summary>
    public static void Save(Module encoder, InputGeometry input, string path, string graphName = "encoder")
    {
        AtomicFile.WriteAllBytes(path, ToBytes(encoder, input, graphName));
    }

    /// <summary>Appends the nodes of <paramref name="module"/> applied to <paramref name="x"/> (of per-sample shape
    /// <paramref name="shape"/>) and returns the name of its output.</summary>
    private static string Emit(OnnxGraph graph, Module module, string x, int[] shape)
    {
        switch (module)
        {
            case Sequential sequential:
                foreach (var layer in sequential.Layers) (x, shape) = (Emit(graph, layer, x, shape), ShapeAfter(layer, shape));
                return x;
            case FusedConv2d conv:
                var y = graph.Add("Conv", [x, graph.Constant("conv.weight", conv.Weight), graph.Constant("conv.bias", conv.Bias)],
                    Attribute.Integers("kernel_shape", conv.Weight.Size(2), conv.Weight.Size(3)),
                    Attribute.Integers("strides", conv.Stride, conv.Stride),
                    Attribute.Integers("pads", conv.Padding, conv.Padding, conv.Padding, conv.Padding));
                return conv.Relu ? graph.Add("Relu", [y]) : y;
            case FusedLinear linear:
                // Gemm: Y = X · Bᵀ + C with transB = 1, B being the (out, in) weight as PyTorch stores it
                var z = graph.Add("Gemm", [x, graph.Constant("linear.weight", linear.Weight), graph.Constant("linear.bias", linear.Bias)], Attribute.Integer("transB", 1));
                return linear.Relu ? graph.Add("Relu", [z]) : z;
            case FusedResidual residual:
                var sum = graph.Add("Add", [Emit(graph, residual.Body, x, shape), residual.Shortcut is { } shortcut ? Emit(graph, shortcut, x, shape) : x]);
                return graph.Add("Relu", [sum]);
            case ReLU:
                return graph.Add("Relu", [x]);
            case GlobalAvgPool2d:
                return graph.Add("Flatten", [graph.Add("GlobalAveragePool", [x])], Attribute.Integer("axis", 1));
            case GridAvgPool2d grid:
                return graph.Add("Flatten", [GridPoolConv(graph, grid.Rows, grid.Columns, shape, x)], Attribute.Integer("axis", 1));
            case FlattenRows:
                return shape.Length == 1 ? x : graph.Add("Flatten", [x], Attribute.Integer("axis", 1));
            default:
                throw new NotSupportedException($"cannot export layer {module.GetType().Name} to ONNX");
        }
    }

    /// <summary>
    /// Adaptive average pooling of (N, C, H, W) to an R x K grid as one Conv with group = C: output channel c R K + cell
    /// reads input channel c through an H x W kernel that is 1 / |cell| on the cell's window and 0 elsewhere, so the
    /// (N, C R K, 1, 1) result flattens to PyTorch's <c>adaptive_avg_pool2d(x, (R, K)).flatten(1)</c>.
    /// </summary>
    private static string GridPoolConv(OnnxGraph graph, int outRows, int outCols, int[] shape, string x)
    {
        var (channels, height, width) = (shape[0], shape[1], shape[2]);
        var (rows, cols) = (Ops.AdaptiveWindows(height, outRows), Ops.AdaptiveWindows(width, outCols));
        var cells = outRows * outCols;
        var kernel = new float[cells * height * width];
        for (var i = 0; i < outRows; i++)
            for (var j = 0; j < outCols; j++)
            {
                var weight = 1f / ((rows[i].Hi - rows[i].Lo) * (cols[j].Hi - cols[j].Lo));
                for (var r = rows[i].Lo; r < rows[i].Hi; r++)
                    for (var c = cols[j].Lo; c < cols[j].Hi; c++) kernel[((i * outCols + j) * height + r) * width + c] = weight;
            }
        var weights = new float[channels * kernel.Length];
        for (var c = 0; c < channels; c++) kernel.CopyTo(weights, c * kernel.Length);
        return graph.Add("Conv", [x, graph.Constant("grid_pool.weight", new Tensor(weights, [channels * cells, 1, height, width]))],
            Attribute.Integers("kernel_shape", height, width), Attribute.Integers("strides", 1, 1), Attribute.Integers("pads", 0, 0, 0, 0),
            Attribute.Integer("group", channels));
    }

    /// <summary>The per-sample output shape of <paramref name="layer"/> for inputs of per-sample <paramref name="shape"/>,
    /// from one forward pass of a zero input.</summary>
    private static int[] ShapeAfter(Module layer, int[] shape) =>
        [.. layer.Inference(() => layer.Forward(Tensor.Zeros([1, .. shape]))).Shape.ToArray()[1..]];

    /// <summary>The encoder's output width, from one forward pass of a single zero input (which also checks that the
    /// geometry fits the encoder).</summary>
    private static int OutputDim(Module folded, InputGeometry input)
    {
        int[] shape = input.IsImage ? [1, input.Channels, input.Height, input.Width] : [1, input.Features];
        return folded.Forward(Tensor.Zeros(shape)).Length;
    }
}
