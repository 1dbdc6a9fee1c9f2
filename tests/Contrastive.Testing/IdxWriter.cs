using System.Buffers.Binary;
using System.IO.Compression;

namespace Contrastive.Testing;

/// <summary>Writes IDX files (MNIST's format) for the tests of the reader: unsigned-byte images or labels, raw or gzip'd.</summary>
public static class IdxWriter
{
    /// <summary>Writes unsigned-byte images (count * rows * columns bytes, row-major) as an IDX file.</summary>
    public static void WriteImages(string path, ReadOnlySpan<byte> pixels, int count, int rows, int columns, bool gzip)
    {
        if (count < 0 || rows <= 0 || columns <= 0 || pixels.Length != (long)count * rows * columns)
            throw new ArgumentException($"{path}: {pixels.Length} bytes do not hold {count} images of {rows}x{columns}");
        Write(path, 0x00000803, [count, rows, columns], pixels, gzip);
    }

    /// <summary>Writes unsigned-byte labels as an IDX file.</summary>
    public static void WriteLabels(string path, ReadOnlySpan<byte> labels, bool gzip) =>
        Write(path, 0x00000801, [labels.Length], labels, gzip);

    private static void Write(string path, uint magic, int[] dims, ReadOnlySpan<byte> body, bool gzip)
    {
        var bytes = new byte[4 + 4 * dims.Length + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, magic);
        for (var d = 0; d < dims.Length; d++) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + 4 * d), (uint)dims[d]);
        body.CopyTo(bytes.AsSpan(4 + 4 * dims.Length));
        using var file = File.Create(path);
        if (!gzip)
        {
            file.Write(bytes);
            return;
        }
        using var deflater = new GZipStream(file, CompressionLevel.Optimal);
        deflater.Write(bytes);
    }
}
