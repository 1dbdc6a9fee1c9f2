using Contrastive.Data.Augmentations;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Augmentations;

/// <summary>The deterministic cores of the image transforms against PyTorch (make_augment_reference.py).</summary>
public class AugmentationReferenceTests
{
    private static readonly string s_file = Path.Combine(ReferenceData.RepositoryRoot, "tests", "Contrastive.Data.Tests", "Augmentations", "augment_reference.json");

    public static TheoryDataNames Cases(string prefix) => new(ReferenceData.Load(s_file).Select(c => c.Name).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)));

    private static ReferenceCase Case(string name) => ReferenceData.Load(s_file).Single(c => c.Name == name);

    private static ImageGeometry GeometryOf(ReferenceCase c)
    {
        var shape = c.Get("input").Shape;
        return new ImageGeometry(shape[0], shape[1], shape[2]);
    }

    [Theory]
    [MemberData(nameof(Cases), "resize")]
    public void Resized_window_matches_torch_interpolate(string name)
    {
        var c = Case(name);
        var expected = c.Get("output");
        var dst = new float[expected.Length];
        Bilinear.ResizeWindow(c.Get("input").Span, GeometryOf(c), (int)c.Param("top"), (int)c.Param("left"), (int)c.Param("height"), (int)c.Param("width"),
            dst, (int)c.Param("out_h"), (int)c.Param("out_w"), new AugmentationScratch());
        TensorAssert.Close(expected.Span, dst, name);
    }

    [Theory]
    [MemberData(nameof(Cases), "rotate")]
    public void Rotation_matches_torchvision_rotate(string name)
    {
        var c = Case(name);
        var expected = c.Get("output");
        var dst = new float[expected.Length];
        Rotation.Rotate(c.Get("input").Span, GeometryOf(c), dst, (float)c.Param("degrees"));
        TensorAssert.Close(expected.Span, dst, name);
    }

    [Theory]
    [MemberData(nameof(Cases), "blur")]
    public void Blur_matches_torchvision_gaussian_blur(string name)
    {
        var c = Case(name);
        var expected = c.Get("output");
        var dst = new float[expected.Length];
        new GaussianBlur((int)c.Param("kernel")).Blur(c.Get("input").Span, GeometryOf(c), dst, (float)c.Param("sigma"), new AugmentationScratch());
        TensorAssert.Close(expected.Span, dst, name);
    }

    [Theory]
    [MemberData(nameof(Cases), "color")]
    public void Colour_adjustments_match_torchvision(string name)
    {
        var c = Case(name);
        var img = c.Get("input").Span.ToArray();
        new ColorJitter(0.5f, 0.5f, 0.9f, 0.5f).Adjust(img, GeometryOf(c), (int)c.Param("op"), (float)c.Param("factor"));
        TensorAssert.Close(c.Get("output").Span, img, name);
    }

    [Fact]
    public void Grayscale_matches_torchvision_rgb_to_grayscale()
    {
        var c = Case("grayscale_rgb");
        var dst = new float[c.Get("output").Length];
        new Grayscale().Apply(c.Get("input").Span, GeometryOf(c), dst, new Tensors.Rng(0), new AugmentationScratch());
        TensorAssert.Close(c.Get("output").Span, dst, "grayscale");
    }
}
