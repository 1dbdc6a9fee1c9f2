using Contrastive.Data.Datasets;
using Contrastive.Export;
using Contrastive.Learning.Tests.Import;
using Contrastive.Learning.Tests.Models;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Export;

/// <summary>Exported encoders in Microsoft.ML.OnnxRuntime, in-process, on real Fashion-MNIST images against
/// <see cref="Embedder"/> (what <c>scripts/onnx/check.sh</c> does with onnxruntime-node).</summary>
public class OnnxRuntimeExportTests
{
    public static TheoryData<string> Encoders => ["bench", "bench-grid", "bench-bands", "resnet18"];

    [Theory]
    [MemberData(nameof(Encoders))]
    public void An_exported_encoder_in_onnx_runtime_equals_embed_on_fashion_mnist(string arch)
    {
        Module encoder = arch switch
        {
            "bench" => new BenchEncoder(new Rng(1)),
            "bench-grid" => new BenchEncoder(new Rng(1), poolGrid: 3),
            "bench-bands" => new BenchEncoder(new Rng(1), 1, new ReadoutGrid(4, 1)),
            _ => new ResNet18(new Rng(4), inChannels: 1, width: 8),
        };
        TrainedStatistics.Apply(encoder, 2);
        var images = DemoDataset.Load().Test.Subset([.. Enumerable.Range(0, 16)]);

        var expected = Embedder.Embed(encoder, images);
        var actual = OnnxRuntimeReference.Run(OnnxExport.ToBytes(encoder, InputGeometry.Image(1, 28, 28)),
            OnnxRuntimeReference.Floats(OnnxExport.InputName, images.Pixels.ToArray(), images.Count, 1, 28, 28));

        Assert.True(OnnxRuntimeReference.RelativeError(expected.Span, actual) < 1e-5, $"{arch}: relative error {OnnxRuntimeReference.RelativeError(expected.Span, actual):E2}");
    }
}
