using Contrastive.Data.Audio;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Audio;

public class WavFileTests
{
    private static readonly float[] s_samples = [0f, 0.5f, -0.5f, 0.25f, -1f, 0.75f];

    [Theory]
    [InlineData(8, false, false, 1.0 / 128)]
    [InlineData(16, false, false, 1.0 / 32768)]
    [InlineData(24, false, true, 1.0 / 8388608)]
    [InlineData(32, false, false, 1e-7)]
    [InlineData(32, true, false, 0)]
    [InlineData(64, true, true, 0)]
    public void Mono_samples_round_trip_at_every_supported_encoding(int bits, bool isFloat, bool extensible, double tolerance)
    {
        var clip = WavFile.Parse(WavBytes.Encode(s_samples, 22050, bits: bits, isFloat: isFloat, extensible: extensible), "x.wav");
        Assert.Equal(22050, clip.SampleRate);
        TensorAssert.Close(s_samples, clip.Samples, $"{bits}-bit", rel: 0, abs: tolerance + 1e-9);
    }

    [Fact]
    public void Stereo_is_averaged_to_mono_and_unknown_chunks_are_skipped()
    {
        float[] interleaved = [0.5f, -0.5f, 1f, 0f, -0.25f, -0.75f];
        var clip = WavFile.Parse(WavBytes.Encode(interleaved, 8000, channels: 2, bits: 32, isFloat: true, extraChunk: true), "s.wav");
        Assert.Equal([0f, 0.5f, -0.5f], clip.Samples);
        Assert.Equal(3.0 / 8000, clip.Seconds, 12);
    }

    [Fact]
    public void Bad_files_name_the_problem()
    {
        var good = WavBytes.Encode(s_samples, 16000);
        Assert.Contains("no RIFF/WAVE header", Assert.Throws<DatasetException>(() => WavFile.Parse("RIFX1234WAVE"u8, "a.wav")).Message);

        var alaw = (byte[])good.Clone();
        alaw[20] = 6;
        Assert.Contains("unsupported WAV encoding 6", Assert.Throws<DatasetException>(() => WavFile.Parse(alaw, "b.wav")).Message);

        var twelveBit = (byte[])good.Clone();
        twelveBit[34] = 12;
        Assert.Contains("12 bits", Assert.Throws<DatasetException>(() => WavFile.Parse(twelveBit, "c.wav")).Message);

        var truncated = good.AsSpan(0, good.Length - 1).ToArray();
        var message = Assert.Throws<DatasetException>(() => WavFile.Parse(truncated, "d.wav")).Message;
        Assert.StartsWith("d.wav: ", message);
        Assert.Contains("not a whole number of 2-byte frames", message);

        Assert.Contains("no data chunk", Assert.Throws<DatasetException>(() => WavFile.Parse(good.AsSpan(0, 36), "e.wav")).Message);
        Assert.Contains("WAV file not found", Assert.Throws<DatasetException>(() => WavFile.Read("/nonexistent/f.wav")).Message);
    }
}
