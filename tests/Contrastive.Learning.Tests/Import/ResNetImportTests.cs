using Contrastive.Data.Datasets;
using Contrastive.Data.Formats.Images;
using Contrastive.Import;
using Contrastive.Models;
using Contrastive.Tensors;
using static Contrastive.Learning.Tests.Import.OnnxRuntimeReference;

namespace Contrastive.Learning.Tests.Import;

public class ResNetImportTests
{
    [Fact]
    public void Imported_resnet18_matches_onnx_runtime_on_fashion_mnist_images()
    {
        var model = ImageNetResNet18.Pretrained();
        var test = DemoDataset.Load().Test;
        foreach (var index in new[] { 0, 7 })
        {
            // the package's two graphs in ONNX Runtime: RGB 0..255 at 224 x 224 -> BGR minus the mean image -> 512 features
            var rgb = new float[3 * 224 * 224];
            ImageResampler.Resize(test.Image(index), 1, 28, 28, 3, 224, 224, rgb);
            for (var i = 0; i < rgb.Length; i++) rgb[i] *= 255f;
            var prepared = Run(PackageFiles.ResNetPreprocess.Locate(), Floats("OriginalInput", rgb, 1, 3, 224, 224));
            var expected = Run(PackageFiles.ResNet18.Locate(), Floats("Input247", prepared, 1, 3, 224, 224));

            var actual = model.Inference(() => model.Forward(new Tensor(test.Image(index).ToArray(), [1, 1, 28, 28])));

            Assert.Equal([1, 512], actual.Shape.ToArray());
            Assert.True(RelativeError(actual.Span, expected) < 1e-4, $"image {index}: relative error {RelativeError(actual.Span, expected):E2}");
        }
    }

    [Fact]
    public void A_graph_that_is_not_resnet18_names_the_first_node_that_does_not_map()
    {
        var cifar = new ResNet18(new Rng(1), inChannels: 3, width: 64, stem: ResNetStem.Cifar);

        var error = Assert.Throws<InvalidDataException>(() => ResNetImporter.Import(OnnxModel.Load(PackageFiles.ResNet18.Locate()), cifar));

        Assert.Contains("Conv node 'Convolution249' does not map", error.Message);
        Assert.Contains("conv1 (3x3, stride 1, padding 1)", error.Message);
    }
}
