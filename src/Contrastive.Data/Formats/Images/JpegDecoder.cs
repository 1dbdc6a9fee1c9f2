namespace Contrastive.Data.Formats.Images;

/// <summary>
/// Decodes JPEG images through the system's libjpeg-turbo (<c>libturbojpeg.so.0</c>, Debian package
/// <c>libturbojpeg0</c>), loaded on first use. Grey JPEGs decode to 1 channel, all others to RGB.
/// Any libjpeg warning (e.g. premature end of data) is treated as an error.
/// </summary>
public static class JpegDecoder
{
    /// <summary>The library names tried, in order.</summary>
    public static IReadOnlyList<string> LibraryNames { get; } = ["libturbojpeg.so.0", "libturbojpeg.so", "libturbojpeg.0.dylib", "turbojpeg"];

    private static readonly Lazy<TurboJpeg?> Library = new(() => TurboJpeg.TryLoad(LibraryNames));

    /// <summary>Whether libturbojpeg could be loaded on this machine.</summary>
    public static bool IsAvailable => Library.Value is not null;

    /// <summary>Decodes the JPEG file at <paramref name="path"/>.</summary>
    /// <exception cref="DatasetException">The library is absent (the message names the package), or the file is missing or corrupt.</exception>
    public static DecodedImage Decode(string path) => Decode(DataFile.ReadRaw(path), path);

    /// <summary>Decodes JPEG bytes; <paramref name="source"/> names them in error messages.</summary>
    public static DecodedImage Decode(byte[] jpeg, string source) => Decode(jpeg, source, Library.Value, LibraryNames);

    internal static DecodedImage Decode(byte[] jpeg, string source, TurboJpeg? library, IReadOnlyList<string> triedNames)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        if (library is null)
            throw new DatasetException(source,
                $"JPEG decoding needs libjpeg-turbo, which could not be loaded (tried {string.Join(", ", triedNames)}); " +
                "install it with `sudo apt-get install libturbojpeg0` or convert the images to PNG");
        return library.Decode(jpeg, source);
    }
}
