using System.Buffers.Binary;

namespace Contrastive.Testing;

/// <summary>Builds WAV files for tests: interleaved samples in [-1, 1] encoded as PCM or IEEE float.</summary>
public static class WavBytes
{
    /// <summary>A WAV file of <paramref name="interleaved"/> samples (frame by frame, channel by channel).</summary>
    /// <param name="interleaved">The samples.</param>
    /// <param name="sampleRate">Samples per second per channel.</param>
    /// <param name="channels">Channels per frame.</param>
    /// <param name="bits">8, 16, 24 or 32 for PCM; 32 or 64 for float.</param>
    /// <param name="isFloat">IEEE float instead of integer PCM.</param>
    /// <param name="extensible">Write a WAVE_FORMAT_EXTENSIBLE fmt chunk.</param>
    /// <param name="extraChunk">Put a LIST chunk of odd length before the data (readers must skip it and its pad byte).</param>
    public static byte[] Encode(float[] interleaved, int sampleRate, int channels = 1, int bits = 16, bool isFloat = false, bool extensible = false, bool extraChunk = false)
    {
        var bytesPerSample = bits / 8;
        var data = new byte[interleaved.Length * bytesPerSample];
        for (var i = 0; i < interleaved.Length; i++)
        {
            var s = data.AsSpan(i * bytesPerSample, bytesPerSample);
            var v = Math.Clamp((double)interleaved[i], -1, 1);
            switch (isFloat, bits)
            {
                case (true, 32): BinaryPrimitives.WriteSingleLittleEndian(s, interleaved[i]); break;
                case (true, _): BinaryPrimitives.WriteDoubleLittleEndian(s, interleaved[i]); break;
                case (_, 8): s[0] = (byte)Math.Clamp(Math.Round(v * 128 + 128), 0, 255); break;
                case (_, 16): BinaryPrimitives.WriteInt16LittleEndian(s, (short)Math.Clamp(Math.Round(v * 32768), short.MinValue, short.MaxValue)); break;
                case (_, 24):
                    var x = (int)Math.Clamp(Math.Round(v * 8388608), -8388608, 8388607);
                    (s[0], s[1], s[2]) = ((byte)x, (byte)(x >> 8), (byte)(x >> 16));
                    break;
                default: BinaryPrimitives.WriteInt32LittleEndian(s, (int)Math.Clamp(Math.Round(v * 2147483648.0), int.MinValue, int.MaxValue)); break;
            }
        }
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream);
        w.Write("RIFF"u8);
        w.Write(0); // patched below
        w.Write("WAVE"u8);
        w.Write("fmt "u8);
        w.Write(extensible ? 40 : 16);
        w.Write((ushort)(extensible ? 0xFFFE : isFloat ? 3 : 1));
        w.Write((ushort)channels);
        w.Write(sampleRate);
        w.Write(sampleRate * channels * bytesPerSample);
        w.Write((ushort)(channels * bytesPerSample));
        w.Write((ushort)bits);
        if (extensible)
        {
            w.Write((ushort)22);
            w.Write((ushort)bits);
            w.Write(channels == 1 ? 4 : 3); // channel mask
            w.Write((ushort)(isFloat ? 3 : 1)); // the sub-format GUID: format code, then the fixed tail
            w.Write(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 });
        }
        if (extraChunk)
        {
            w.Write("LIST"u8);
            w.Write(3);
            w.Write(new byte[] { 1, 2, 3, 0 });
        }
        w.Write("data"u8);
        w.Write(data.Length);
        w.Write(data);
        w.Flush();
        var bytes = stream.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length - 8);
        return bytes;
    }

    /// <summary>A sine of <paramref name="hz"/> Hz and amplitude <paramref name="amplitude"/>, <paramref name="samples"/> long.</summary>
    public static float[] Sine(double hz, int sampleRate, int samples, double amplitude = 0.5, double phase = 0) =>
        [.. Enumerable.Range(0, samples).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / sampleRate + phase)))];
}
