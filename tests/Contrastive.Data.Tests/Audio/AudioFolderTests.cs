using Contrastive.Data.Audio;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Audio;

public class AudioFolderTests
{
    private static byte[] Tone(double hz, int rate = 8000) => WavBytes.Encode(WavBytes.Sine(hz, rate, rate / 4), rate);

    /// <summary>Clips filed by "word" and, under the same names, by "voice".</summary>
    private static void WriteTwoLayouts(TempDirectory dir, int perPair = 4)
    {
        foreach (var word in new[] { "yes", "no" })
            foreach (var voice in new[] { "m1", "f1", "f2" })
                for (var n = 0; n < perPair; n++)
                {
                    var name = $"{word}_{voice}_{n}.wav";
                    var bytes = Tone(200 + 100 * n + (word == "yes" ? 0 : 37));
                    dir.Write($"by-word/{word}/{name}", bytes);
                    dir.Write($"by-voice/{voice}/{name}", bytes);
                }
    }

    [Fact]
    public void Both_layouts_hold_out_the_same_clips_and_label_them_by_folder()
    {
        using var dir = new TempDirectory("audio-folder");
        WriteTwoLayouts(dir, perPair: 8);
        var byWord = AudioFolder.Load(dir.File("by-word"), 16000);
        var byVoice = AudioFolder.Load(dir.File("by-voice"), 16000);
        Assert.True(AudioFolder.IsAudioFolder(dir.File("by-word")));
        Assert.Equal(["no", "yes"], byWord.Train.ClassNames);
        Assert.Equal(["f1", "f2", "m1"], byVoice.Train.ClassNames);
        Assert.Equal(byWord.Test.Names.Order(), byVoice.Test.Names.Order());
        Assert.Equal(48, byWord.Train.Count + byWord.Test.Count);
        Assert.InRange(byWord.Test.Count, 2, 20);
        Assert.All(byWord.Test.Names, n => Assert.True(AudioFolder.IsHeldOut(n)));
        Assert.Equal(16000, byWord.Train.SampleRate);
        Assert.Equal(4000, byWord.Train.Clips[0].Samples.Length); // 0.25 s at 8 kHz, resampled to 16 kHz
        var i = byWord.Train.Names.ToList().IndexOf("yes_f1_0.wav");
        Assert.Equal(1, byWord.Train.Labels![i]);
    }

    [Fact]
    public void Bad_folders_name_the_problem()
    {
        using var dir = new TempDirectory("audio-folder");
        Assert.Contains("audio folder not found", Assert.Throws<DatasetException>(() => AudioFolder.Load(dir.File("missing"), 16000)).Message);

        dir.Write("mixed/a.wav", Tone(300));
        dir.Write("mixed/cls/b.wav", Tone(300));
        Assert.Contains("mixes 1 WAV files at the top level", Assert.Throws<DatasetException>(() => AudioFolder.Load(dir.File("mixed"), 16000)).Message);

        dir.Write("dup/x/same.wav", Tone(300));
        dir.Write("dup/y/same.wav", Tone(400));
        Assert.Contains("two clips are called same.wav", Assert.Throws<DatasetException>(() => AudioFolder.Load(dir.File("dup"), 16000)).Message);

        dir.Write("empty/x/a.wav", Tone(300));
        Directory.CreateDirectory(dir.File("empty/y"));
        Assert.Contains("class folder holds no .wav files", Assert.Throws<DatasetException>(() => AudioFolder.Load(dir.File("empty"), 16000)).Message);

        dir.Write("broken/x/a.wav", "not a wav");
        Assert.Contains("a.wav: not a WAV file", Assert.Throws<DatasetException>(() => AudioFolder.Load(dir.File("broken"), 16000)).Message);
        Assert.False(AudioFolder.IsAudioFolder(dir.File("missing")));
    }
}
