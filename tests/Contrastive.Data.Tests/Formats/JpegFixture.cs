using System.Runtime.InteropServices;
using Contrastive.Data.Formats.Images;

namespace Contrastive.Data.Tests.Formats;

/// <summary>Makes JPEG fixtures with libturbojpeg's compressor (tjCompress2), independent of the decoder under test.</summary>
internal static unsafe class JpegFixture
{
    private const int PixelFormatRgb = 0, PixelFormatGray = 6, Subsampling444 = 0, SubsamplingGray = 3;

    public static byte[] Encode(DecodedImage image, int quality = 95)
    {
        var library = NativeLibrary.Load("libturbojpeg.so.0");
        var init = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "tjInitCompress");
        var compress = (delegate* unmanaged<nint, byte*, int, int, int, int, byte**, CULong*, int, int, int, int>)NativeLibrary.GetExport(library, "tjCompress2");
        var free = (delegate* unmanaged<byte*, void>)NativeLibrary.GetExport(library, "tjFree");
        var destroy = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "tjDestroy");
        var handle = init();
        try
        {
            byte* output = null;
            CULong size = default;
            var grey = image.Channels == 1;
            fixed (byte* pixels = image.Pixels)
            {
                var status = compress(handle, pixels, image.Width, image.Width * image.Channels, image.Height,
                    grey ? PixelFormatGray : PixelFormatRgb, &output, &size, grey ? SubsamplingGray : Subsampling444, quality, 0);
                Assert.Equal(0, status);
            }
            var result = new ReadOnlySpan<byte>(output, (int)size.Value).ToArray();
            free(output);
            return result;
        }
        finally
        {
            _ = destroy(handle);
        }
    }
}
