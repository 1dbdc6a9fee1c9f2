using System.Buffers.Binary;
using System.Text;

namespace Contrastive.Data.Formats.Images;

/// <summary>PNG chunk framing: 4-byte big-endian length, 4-byte type, data, CRC-32 of type + data.</summary>
internal static class PngChunks
{
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>One chunk of a PNG file: its type and the range of its data.</summary>
    public readonly record struct Chunk(string Type, int Offset, int Length);

    /// <summary>Reads the chunk at <paramref name="offset"/>, validating its length, type and CRC.</summary>
    public static Chunk Read(byte[] png, int offset, string source)
    {
        if (png.Length - offset < 12)
            throw new DatasetException(source, $"truncated PNG: {png.Length - offset} bytes left at offset {offset}, a chunk needs at least 12 (missing IEND?)");
        var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
        var typeBytes = png.AsSpan(offset + 4, 4);
        foreach (var b in typeBytes)
            if (!char.IsAsciiLetter((char)b))
                throw new DatasetException(source, $"invalid PNG chunk type bytes {Convert.ToHexString(typeBytes)} at offset {offset}");
        var type = Encoding.ASCII.GetString(typeBytes);
        if (length > (uint)(png.Length - offset - 12))
            throw new DatasetException(source, $"truncated PNG: chunk {type} at offset {offset} declares {length} bytes but only {png.Length - offset - 12} remain");
        var stored = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + (int)length));
        var computed = Crc32.Compute(png.AsSpan(offset + 4, 4 + (int)length));
        if (stored != computed)
            throw new DatasetException(source, $"CRC mismatch in PNG chunk {type} at offset {offset} (stored 0x{stored:X8}, computed 0x{computed:X8}); the file is corrupt");
        return new Chunk(type, offset + 8, (int)length);
    }

    /// <summary>Writes one chunk with its length and CRC.</summary>
    public static void Write(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        output.Write(word);
        Span<byte> typeBytes = stackalloc byte[4];
        Encoding.ASCII.GetBytes(type, typeBytes);
        output.Write(typeBytes);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Append(Crc32.Compute(typeBytes), data));
        output.Write(word);
    }
}
