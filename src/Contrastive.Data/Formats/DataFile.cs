using System.Buffers.Binary;
using System.IO.Compression;
using Contrastive.IO;

namespace Contrastive.Data.Formats;

/// <summary>Reads whole data files, transparently un-gzipping (detected by the 1F 8B magic, not the name).</summary>
internal static class DataFile
{
    /// <summary>The bytes of <paramref name="path"/>, decompressed when it is gzip data.</summary>
    public static byte[] ReadAll(string path)
    {
        var raw = ReadRaw(path);
        return IsGzip(raw) ? Gunzip(raw, path) : raw;
    }

    /// <summary>The bytes of <paramref name="path"/> as stored, with missing or unreadable files reported as <see cref="DatasetException"/>.</summary>
    public static byte[] ReadRaw(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DatasetException(path, "file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException(path, $"cannot be read: {e.Message}", e);
        }
    }

    /// <summary>The bytes of <paramref name="stream"/>, decompressed when it is gzip data.</summary>
    public static byte[] ReadAll(Stream stream, string source)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var raw = buffer.ToArray();
        return IsGzip(raw) ? Gunzip(raw, source) : raw;
    }

    /// <summary>Whether <paramref name="data"/> starts with the gzip magic bytes.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == 0x1F && data[1] == 0x8B;

    /// <summary>
    /// Decompresses a single-member gzip file and checks its trailer (CRC-32 and length of the data),
    /// because GZipStream silently returns a short result for a truncated file.
    /// </summary>
    public static byte[] Gunzip(byte[] gz, string source)
    {
        // Header 10 bytes + trailer 8 bytes (CRC-32, ISIZE = length mod 2^32, both little-endian).
        if (gz.Length < 18) throw new DatasetException(source, $"gzip data is truncated: {gz.Length} bytes, a gzip file has at least 18");
        if (gz[2] != 8) throw new DatasetException(source, $"gzip compression method {gz[2]} is not deflate (8)");
        var storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(gz.AsSpan(gz.Length - 8));
        var storedSize = BinaryPrimitives.ReadUInt32LittleEndian(gz.AsSpan(gz.Length - 4));
        // The trailer is not trusted yet: bound the capacity hint by deflate's maximum ratio (about 1032:1).
        using var output = new MemoryStream((int)Math.Min(Math.Min(storedSize, gz.Length * 1032L), 1 << 30));
        try
        {
            using var inflater = new GZipStream(new MemoryStream(gz, writable: false), CompressionMode.Decompress);
            inflater.CopyTo(output);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException(source, $"gzip data is corrupt: {e.Message}", e);
        }
        var data = output.ToArray();
        var crc = Crc32.Compute(data);
        if ((uint)data.LongLength != storedSize || crc != storedCrc)
            throw new DatasetException(source,
                $"gzip data is truncated or corrupt: decompressed {data.LongLength} bytes (CRC-32 0x{crc:X8}) but the gzip trailer records " +
                $"{storedSize} bytes (CRC-32 0x{storedCrc:X8}); re-download or re-install the file (multi-member gzip files are not supported)");
        return data;
    }

    /// <summary>Runs <paramref name="write"/> into <paramref name="path"/> through a temporary file and a rename,
    /// gzip-compressed when <paramref name="gzip"/>, so a failed write never leaves a half-written file.</summary>
    public static void WriteAtomic(string path, bool gzip, Action<Stream> write)
    {
        AtomicFile.Write(path, file =>
        {
            if (!gzip)
            {
                write(file);
                return;
            }
            using var deflater = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true);
            write(deflater);
        });
    }
}
