using Contrastive.Data.Formats.Images;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Formats;

public sealed class JpegTests
{
    [Fact]
    public void MissingLibrary_NamesTheFileAndThePackage()
    {
        var absent = TurboJpeg.TryLoad(["libturbojpeg-does-not-exist.so.9"]);
        Assert.Null(absent);
        var e = Assert.Throws<DatasetException>(() => JpegDecoder.Decode([0xFF, 0xD8, 0xFF], "photo.jpg", absent, ["libturbojpeg-does-not-exist.so.9"]));
        Assert.StartsWith("photo.jpg: JPEG decoding needs libjpeg-turbo", e.Message);
        Assert.Contains("`sudo apt-get install libturbojpeg0`", e.Message);
    }

    [Fact]
    public void Decode_RgbAndGreyJpegs_WhenTheLibraryIsInstalled()
    {
        if (!JpegDecoder.IsAvailable)
        {
            AssertMissingLibraryError();
            return;
        }
        var rgb = Smooth(16, 12, 3);
        var decodedRgb = JpegDecoder.Decode(JpegFixture.Encode(rgb), "rgb.jpg");
        Assert.Equal((16, 12, 3), (decodedRgb.Width, decodedRgb.Height, decodedRgb.Channels));
        Assert.True(MeanAbsoluteError(rgb, decodedRgb) < 4, $"mean abs error {MeanAbsoluteError(rgb, decodedRgb)}");

        var grey = Smooth(9, 9, 1);
        var decodedGrey = JpegDecoder.Decode(JpegFixture.Encode(grey), "grey.jpg");
        Assert.Equal((9, 9, 1), (decodedGrey.Width, decodedGrey.Height, decodedGrey.Channels));
        Assert.True(MeanAbsoluteError(grey, decodedGrey) < 4);
    }

    [Fact]
    public void CorruptJpeg_IsAClearError()
    {
        if (!JpegDecoder.IsAvailable)
        {
            AssertMissingLibraryError();
            return;
        }
        var jpeg = JpegFixture.Encode(Smooth(32, 32, 3));
        var truncated = Assert.Throws<DatasetException>(() => JpegDecoder.Decode(jpeg[..(jpeg.Length / 2)], "cut.jpg"));
        Assert.StartsWith("cut.jpg: corrupt JPEG data: ", truncated.Message);
        byte[] garbage = [0xFF, 0xD8, 0xFF, 0x00, 1, 2, 3, 4, 5, 6];
        var invalid = Assert.Throws<DatasetException>(() => JpegDecoder.Decode(garbage, "junk.jpg"));
        Assert.StartsWith("junk.jpg: not a valid JPEG: ", invalid.Message);
    }

    private static void AssertMissingLibraryError()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("a.jpg", [0xFF, 0xD8, 0xFF, 0xE0]);
        Assert.Contains("apt-get install libturbojpeg0", Assert.Throws<DatasetException>(() => ImageDecoder.Decode(path)).Message);
    }

    private static DecodedImage Smooth(int width, int height, int channels)
    {
        var pixels = new byte[width * height * channels];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                for (var c = 0; c < channels; c++)
                    pixels[(y * width + x) * channels + c] = (byte)(40 + 8 * x + 5 * y + 30 * c);
        return new DecodedImage(pixels, width, height, channels);
    }

    private static double MeanAbsoluteError(DecodedImage a, DecodedImage b)
    {
        double sum = 0;
        for (var i = 0; i < a.Pixels.Length; i++) sum += Math.Abs(a.Pixels[i] - b.Pixels[i]);
        return sum / a.Pixels.Length;
    }
}
