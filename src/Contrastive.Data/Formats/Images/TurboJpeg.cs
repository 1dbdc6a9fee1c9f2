using System.Runtime.InteropServices;

namespace Contrastive.Data.Formats.Images;

/// <summary>The TurboJPEG 2.x C API, bound by function pointer from a library loaded with <see cref="NativeLibrary.TryLoad(string, out nint)"/>.</summary>
internal sealed unsafe class TurboJpeg
{
    private const int PixelFormatRgb = 0, PixelFormatGray = 6, ColorspaceGray = 2, FlagStopOnWarning = 1 << 13;

    private readonly delegate* unmanaged<nint> _initDecompress;
    private readonly delegate* unmanaged<nint, byte*, CULong, int*, int*, int*, int*, int> _decompressHeader3;
    private readonly delegate* unmanaged<nint, byte*, CULong, byte*, int, int, int, int, int, int> _decompress2;
    private readonly delegate* unmanaged<nint, int> _destroy;
    private readonly delegate* unmanaged<nint, byte*> _getErrorStr2;

    private TurboJpeg(nint library)
    {
        _initDecompress = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "tjInitDecompress");
        _decompressHeader3 = (delegate* unmanaged<nint, byte*, CULong, int*, int*, int*, int*, int>)NativeLibrary.GetExport(library, "tjDecompressHeader3");
        _decompress2 = (delegate* unmanaged<nint, byte*, CULong, byte*, int, int, int, int, int, int>)NativeLibrary.GetExport(library, "tjDecompress2");
        _destroy = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "tjDestroy");
        _getErrorStr2 = (delegate* unmanaged<nint, byte*>)NativeLibrary.GetExport(library, "tjGetErrorStr2");
    }

    /// <summary>The first of <paramref name="names"/> that loads and exports the TurboJPEG 2 API, or null.</summary>
    public static TurboJpeg? TryLoad(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (!NativeLibrary.TryLoad(name, typeof(TurboJpeg).Assembly, null, out var handle)) continue;
            try
            {
                return new TurboJpeg(handle);
            }
            catch (EntryPointNotFoundException)
            {
                NativeLibrary.Free(handle);
            }
        }
        return null;
    }

    public DecodedImage Decode(byte[] jpeg, string source)
    {
        var handle = _initDecompress();
        if (handle == 0) throw new DatasetException(source, "libturbojpeg could not create a decompressor");
        try
        {
            fixed (byte* input = jpeg)
            {
                int width, height, subsampling, colorspace;
                if (_decompressHeader3(handle, input, new CULong((nuint)jpeg.Length), &width, &height, &subsampling, &colorspace) != 0)
                    throw new DatasetException(source, $"not a valid JPEG: {Error(handle)}");
                if (width == 0 || height == 0) throw new DatasetException(source, "not a valid JPEG: no image frame (damaged header or tables only)");
                DecodedImage.CheckSize(source, width, height);
                var channels = colorspace == ColorspaceGray ? 1 : 3;
                var pixels = new byte[(long)width * height * channels];
                fixed (byte* output = pixels)
                {
                    var format = channels == 1 ? PixelFormatGray : PixelFormatRgb;
                    if (_decompress2(handle, input, new CULong((nuint)jpeg.Length), output, width, width * channels, height, format, FlagStopOnWarning) != 0)
                        throw new DatasetException(source, $"corrupt JPEG data: {Error(handle)}");
                }
                return new DecodedImage(pixels, width, height, channels);
            }
        }
        finally
        {
            _ = _destroy(handle);
        }
    }

    private string Error(nint handle) => Marshal.PtrToStringUTF8((nint)_getErrorStr2(handle)) ?? "unknown libturbojpeg error";
}
