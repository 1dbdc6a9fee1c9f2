using System.Buffers.Binary;

namespace Contrastive.Data.Audio;

/// <summary>
/// Reads RIFF WAVE files: integer PCM of 8 (unsigned), 16, 24 or 32 bits, IEEE float of 32 or 64 bits, plain or
/// WAVE_FORMAT_EXTENSIBLE, any number of channels (averaged to mono). Integer samples are scaled to [-1, 1) by their
/// full scale (x / 2^(bits-1)). Chunks other than <c>fmt </c> and <c>data</c> are skipped.
/// </summary>
public static class WavFile
{
    private const ushort Pcm = 1, IeeeFloat = 3, Extensible = 0xFFFE;

    /// <summary>Reads the WAV file at <paramref name="path"/> as mono.</summary>
    /// <exception cref="DatasetException">The file is missing, not a WAV file, or in a format not listed above; the message names it.</exception>
    public static AudioClip Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new DatasetException(path, "WAV file not found");
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses the bytes of a WAV file; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="DatasetException">The bytes are not a WAV file in a supported format.</exception>
    public static AudioClip Parse(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes[8..12].SequenceEqual("WAVE"u8))
            throw new DatasetException(source, "not a WAV file (no RIFF/WAVE header)");
        Format? format = null;
        var position = 12;
        while (position + 8 <= bytes.Length)
        {
            var id = bytes.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(position + 4, 4));
            var body = position + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + size > bytes.Length) throw new DatasetException(source, $"fmt chunk of {size} bytes is truncated or too short");
                format = ReadFormat(bytes.Slice(body, (int)size), source);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is not { } f) throw new DatasetException(source, "data chunk before the fmt chunk");
                var available = Math.Min((long)size, bytes.Length - body); // streamed files may state a size larger than what was written
                return Decode(bytes.Slice(body, (int)available), f, source);
            }
            var next = body + (long)size + (size & 1); // chunks are padded to even sizes
            if (next > bytes.Length) break;
            position = (int)next;
        }
        throw new DatasetException(source, format is null ? "no fmt chunk" : "no data chunk");
    }

    private readonly record struct Format(ushort Encoding, int Channels, int SampleRate, int Bits, int BlockAlign);

    private static Format ReadFormat(ReadOnlySpan<byte> fmt, string source)
    {
        var encoding = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (encoding == Extensible)
        {
            if (fmt.Length < 40) throw new DatasetException(source, $"WAVE_FORMAT_EXTENSIBLE fmt chunk has {fmt.Length} bytes, expected 40");
            encoding = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]); // the sub-format GUID starts with the format code
        }
        if (encoding is not (Pcm or IeeeFloat)) throw new DatasetException(source, $"unsupported WAV encoding {encoding} (expected 1 = PCM or 3 = IEEE float)");
        if (encoding == Pcm && bits is not (8 or 16 or 24 or 32)) throw new DatasetException(source, $"unsupported PCM sample size of {bits} bits (expected 8, 16, 24 or 32)");
        if (encoding == IeeeFloat && bits is not (32 or 64)) throw new DatasetException(source, $"unsupported float sample size of {bits} bits (expected 32 or 64)");
        if (channels == 0) throw new DatasetException(source, "fmt chunk declares 0 channels");
        if (sampleRate is 0 or > int.MaxValue) throw new DatasetException(source, $"invalid sample rate {sampleRate}");
        if (blockAlign != channels * bits / 8)
            throw new DatasetException(source, $"block align {blockAlign} does not match {channels} channels of {bits} bits");
        return new Format(encoding, channels, (int)sampleRate, bits, blockAlign);
    }

    private static AudioClip Decode(ReadOnlySpan<byte> data, Format f, string source)
    {
        if (data.Length % f.BlockAlign != 0)
            throw new DatasetException(source, $"data chunk of {data.Length} bytes is not a whole number of {f.BlockAlign}-byte frames (truncated file?)");
        var frames = data.Length / f.BlockAlign;
        var bytesPerSample = f.Bits / 8;
        var mono = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            var sum = 0.0;
            for (var c = 0; c < f.Channels; c++) sum += Sample(data.Slice(i * f.BlockAlign + c * bytesPerSample, bytesPerSample), f.Encoding, f.Bits);
            mono[i] = (float)(sum / f.Channels);
            if (!float.IsFinite(mono[i])) throw new DatasetException(source, $"sample {i} is {mono[i]}");
        }
        return new AudioClip(mono, f.SampleRate);
    }

    private static double Sample(ReadOnlySpan<byte> s, ushort encoding, int bits) => (encoding, bits) switch
    {
        (IeeeFloat, 32) => BinaryPrimitives.ReadSingleLittleEndian(s),
        (IeeeFloat, _) => BinaryPrimitives.ReadDoubleLittleEndian(s),
        (_, 8) => (s[0] - 128) / 128.0,
        (_, 16) => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768.0,
        (_, 24) => ((s[2] << 24 | s[1] << 16 | s[0] << 8) >> 8) / 8388608.0,
        _ => BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648.0,
    };
}
