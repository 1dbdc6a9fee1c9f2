using Contrastive.Export;
using Contrastive.Learning.Tests.Models;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Export;

/// <summary>Exported encoders, read back from their bytes and run by an independent ONNX executor, against the
/// engine's eval-mode output (batch-norm unfolded, with trained-looking statistics).</summary>
public class OnnxExportTests
{
    [Fact]
    public void Bench_encoder_exports_the_eval_mode_embedding()
    {
        var model = TrainedStatistics.Apply(new BenchEncoder(new Rng(1)), 2);
        var onnx = AssertRunsLikeTheEngine(model, InputGeometry.Image(1, 12, 12), Tensor.Uniform(new Rng(3), 0, 1, 3, 1, 12, 12));
        Assert.Equal(["Conv", "Relu", "Conv", "Relu", "Conv", "Relu", "GlobalAveragePool", "Flatten"], onnx.Nodes.Select(n => n.OpType));
        Assert.Equal(7, onnx.IrVersion);
        Assert.Equal([("", 13L)], onnx.Opsets);
        AssertValue(onnx.Inputs, "input", "N", 1L, 12L, 12L);
        AssertValue(onnx.Outputs, "embedding", "N", 128L);
        Assert.Equal(6, onnx.Initializers.Count); // three folded convolutions, weight and bias each
    }

    [Theory]
    [InlineData(12, 3)] // a 3 x 3 feature map: one pixel per cell
    [InlineData(28, 3)] // 7 x 7: overlapping cells, as on Fashion-MNIST
    [InlineData(32, 3)] // 8 x 8: cells of 3, 4 and 3 rows
    [InlineData(32, 4, 1)] // four bands of two rows, each averaged over all eight columns
    [InlineData(28, 2, 3)] // 7 x 7 to 2 x 3: overlapping rows and columns
    public void Bench_encoder_with_a_pool_grid_exports_it_as_a_grouped_convolution(int side, int grid, int? columns = null)
    {
        var model = TrainedStatistics.Apply(new BenchEncoder(new Rng(1), 1, new ReadoutGrid(grid, columns)), 2);
        var onnx = AssertRunsLikeTheEngine(model, InputGeometry.Image(1, side, side), Tensor.Uniform(new Rng(3), 0, 1, 2, 1, side, side));
        Assert.Equal(["Conv", "Relu", "Conv", "Relu", "Conv", "Relu", "Conv", "Flatten"], onnx.Nodes.Select(n => n.OpType));
        AssertValue(onnx.Outputs, "embedding", "N", 128L * grid * (columns ?? grid));
    }

    [Fact]
    public void An_adapter_exports_as_gemm_and_relu_after_the_grid()
    {
        var model = TrainedStatistics.Apply(new BenchEncoder(new Rng(1), 1, new ReadoutGrid(2, Adapter: 6)), 2);
        var onnx = AssertRunsLikeTheEngine(model, InputGeometry.Image(1, 12, 12), Tensor.Uniform(new Rng(3), 0, 1, 2, 1, 12, 12));
        Assert.Equal(["Conv", "Relu", "Conv", "Relu", "Conv", "Relu", "Conv", "Flatten", "Gemm", "Relu"], onnx.Nodes.Select(n => n.OpType));
        AssertValue(onnx.Outputs, "embedding", "N", 6L);
    }

    [Fact]
    public void ResNet18_exports_its_residual_blocks()
    {
        var model = TrainedStatistics.Apply(new ResNet18(new Rng(4), inChannels: 3, width: 4), 5);
        var onnx = AssertRunsLikeTheEngine(model, InputGeometry.Image(3, 8, 8), Tensor.Uniform(new Rng(6), 0, 1, 2, 3, 8, 8));
        Assert.Equal(8, onnx.Nodes.Count(n => n.OpType == "Add")); // one per basic block
    }

    [Fact]
    public void Mlp_encoder_exports_as_gemm_and_relu()
    {
        var model = TrainedStatistics.Apply(new MlpEncoder(new Rng(7), 12, [10, 6], 5), 8);
        var onnx = AssertRunsLikeTheEngine(model, InputGeometry.Table(12), Tensor.Uniform(new Rng(9), -1, 1, 4, 12));
        Assert.Equal(["Gemm", "Relu", "Gemm", "Relu", "Gemm"], onnx.Nodes.Select(n => n.OpType));
        AssertValue(onnx.Inputs, "input", "N", 12L);
        AssertValue(onnx.Outputs, "embedding", "N", 5L);
    }

    [Fact]
    public void Clip_two_tower_model_exports_its_image_side()
    {
        var towers = BatchNormFoldingTests.TwoTowers(new Rng(12));
        var onnx = AssertRunsLikeTheEngine(towers, InputGeometry.Image(1, 12, 12), Tensor.Uniform(new Rng(13), 0, 1, 2, 1, 12, 12));
        Assert.Equal("Gemm", onnx.Nodes[^1].OpType);
        AssertValue(onnx.Outputs, "embedding", "N", 6L);
    }

    [Fact]
    public void Export_is_deterministic_and_written_atomically()
    {
        var model = TrainedStatistics.Apply(new BenchEncoder(new Rng(10)), 11);
        using var dir = new TempDirectory("contrastive-onnx");
        var path = dir.File("model.onnx");
        OnnxExport.Save(model, InputGeometry.Image(1, 12, 12), path);
        Assert.Equal(OnnxExport.ToBytes(model, InputGeometry.Image(1, 12, 12)), File.ReadAllBytes(path));
        Assert.Equal(["model.onnx"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Layers_without_an_onnx_form_are_refused_by_name()
    {
        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.ToBytes(new Sequential(new Linear(3, 4, new Rng(1)), new Tanh()), InputGeometry.Table(3)));
        Assert.Contains("cannot export Sequential to ONNX", error.Message);
    }

    /// <summary>Asserts the graph has one input or output, named <paramref name="name"/>, of shape <paramref name="dims"/>
    /// (a string for a symbolic dimension).</summary>
    private static void AssertValue(List<(string Name, object[] Dims)> values, string name, params object[] dims)
    {
        var value = Assert.Single(values);
        Assert.Equal(name, value.Name);
        Assert.Equal(dims, value.Dims);
    }

    /// <summary>Exports <paramref name="model"/>, runs the bytes on <paramref name="input"/> with the reference
    /// executor and compares with the engine's eval-mode forward pass; returns the parsed model.</summary>
    private static OnnxModelReader AssertRunsLikeTheEngine(Module model, InputGeometry geometry, Tensor input)
    {
        var onnx = OnnxModelReader.Read(OnnxExport.ToBytes(model, geometry));
        var expected = model.Inference(() => model.Forward(input));
        var (shape, data) = OnnxReferenceRunner.Run(onnx, input.Shape.ToArray(), input.ToArray());
        Assert.Equal(expected.Shape.ToArray(), shape);
        TensorAssert.Close(expected, new Tensor(Array.ConvertAll(data, v => (float)v), shape), "ONNX reference run", rel: 1e-4, abs: 1e-5);
        return onnx;
    }
}
