using Contrastive.Data.Formats.Images;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Formats;

public sealed class ImageResamplerTests
{
    private static readonly string VectorFile = ReferenceData.PathOf("resize_bilinear.json");

    public static TheoryData<string> Cases() => new(ReferenceData.Load(VectorFile).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bilinear_MatchesPyTorchInterpolate(string name)
    {
        var c = ReferenceData.Load(VectorFile).Single(x => x.Name == name);
        var input = c.Get("input");
        var expected = c.Get("output");
        var data = new ImageDataset(input.Span.ToArray(), 1, 1, input.Shape[0], input.Shape[1], null, null, name);

        var resized = ImageResampler.Resize(data, 1, expected.Shape[0], expected.Shape[1]);

        TensorAssert.Close(expected.Span, resized.Pixels, name);
    }

    [Fact]
    public void ToPlanar_ConvertsRgbToBt601LumaAndDropsAlpha()
    {
        byte[] rgba = [255, 0, 0, 7, 0, 255, 0, 9, 0, 0, 255, 11, 10, 20, 30, 0];
        var image = new DecodedImage(rgba, 2, 2, 4);
        var grey = new float[4];
        ImageResampler.ToPlanar(image, 1, 2, 2, grey);
        TensorAssert.Close([0.299f, 0.587f, 0.114f, (0.299f * 10 + 0.587f * 20 + 0.114f * 30) / 255f], grey, "luma");

        var rgb = new float[12];
        ImageResampler.ToPlanar(image, 3, 2, 2, rgb);
        Assert.Equal([1f, 0f, 0f, 10 / 255f, 0f, 1f, 0f, 20 / 255f, 0f, 0f, 1f, 30 / 255f], rgb);
    }

    [Fact]
    public void ToPlanar_ReplicatesGreyIntoRgbAndResizes()
    {
        var image = new DecodedImage([0, 255, 0, 255], 2, 2, 1);
        var rgb = new float[3 * 4 * 4];
        ImageResampler.ToPlanar(image, 3, 4, 4, rgb);
        Assert.True(rgb.AsSpan(0, 16).SequenceEqual(rgb.AsSpan(16, 16)));
        Assert.True(rgb.AsSpan(0, 16).SequenceEqual(rgb.AsSpan(32, 16)));
        Assert.Equal([0f, 0.25f, 0.75f, 1f], rgb[..4]);
    }

    [Fact]
    public void InvalidTargets_AreRejected()
    {
        var image = new DecodedImage([1, 2, 3, 4], 2, 2, 1);
        Assert.Throws<ArgumentException>(() => ImageResampler.ToPlanar(image, 2, 2, 2, new float[8]));
        Assert.Throws<ArgumentException>(() => ImageResampler.ToPlanar(image, 1, 2, 2, new float[3]));
    }

    [Fact]
    public void FromPlanar_ClampsAndRoundsBackToBytes()
    {
        var image = DecodedImage.FromPlanar([-0.5f, 0.5f, 1.5f, 0.2f, 0.4f, 0.6f], 3, 1, 2);
        Assert.Equal([0, 255, 102, 128, 51, 153], image.Pixels.ToArray());
    }
}
