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
    public void A_backbone_cut_after_stage_3_keeps_those_stages_weights_and_its_heads_read_the_global_average()
    {
        var whole = ImageNetResNet18.Pretrained(new BackboneShape(64)).StateEntries().ToDictionary(e => e.Name, e => e.Tensor);
        var cut = ImageNetResNet18.Pretrained(new BackboneShape(64, Stages: 3), new ReadoutGrid(2));
        var globallyPooled = ImageNetResNet18.Pretrained(new BackboneShape(64, Stages: 3));

        var cutState = cut.StateEntries().ToList();
        Assert.DoesNotContain(cutState, e => e.Name.Contains("layer4", StringComparison.Ordinal));
        Assert.Contains(cutState, e => e.Name == "backbone.layer3.1.bn2.running_var");
        Assert.All(cutState, e => Assert.Equal(whole[e.Name].Span.ToArray(), e.Tensor.Span.ToArray()));
        Assert.Equal((256 * 4, 256), (cut.OutputDim, cut.HeadInputDim));

        var test = DemoDataset.Load().Test;
        var images = new Tensor([.. test.Image(0).ToArray(), .. test.Image(1).ToArray()], [2, 1, 28, 28]);
        var representation = cut.Inference(() => cut.Forward(images));
        var global = globallyPooled.Inference(() => globallyPooled.Forward(images));

        Assert.Equal([2, 1024], representation.Shape.ToArray());
        // stage 3 of a 64-pixel image is a 4 x 4 map: the mean of its four 2 x 2 cells is its global average
        Assert.True(RelativeError(cut.HeadInput(representation).Span, global.Span.ToArray()) < 1e-6);
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
