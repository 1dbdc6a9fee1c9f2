using System.Text;

namespace Contrastive.Data.Audio;

/// <summary>
/// Loads a folder of WAV files: one sub-folder per class (labelled by the sorted folder names, searched recursively)
/// or a flat folder of unlabeled clips; hidden entries (starting with '.') and other files are ignored. Every clip is
/// read as mono and resampled to one rate. The held-out part is decided by a hash of each file's name (not its folder),
/// so a clip filed under two layouts (by word and by speaker, say) is held out in both.
/// </summary>
public static class AudioFolder
{
    /// <summary>The share of clips held out.</summary>
    public const double TestFraction = 0.2;

    /// <summary>True when <paramref name="path"/> is a folder holding a <c>.wav</c> file at its top level or in a sub-folder.</summary>
    public static bool IsAudioFolder(string path) =>
        Directory.Exists(path) && Directory.EnumerateFiles(path, "*.wav", SearchOption.AllDirectories).Any();

    /// <summary>Loads and splits <paramref name="directory"/>, every clip resampled to <paramref name="sampleRate"/>.</summary>
    /// <exception cref="DatasetException">The folder is missing, empty or mixed, a file is not a readable WAV file, or the
    /// split leaves a class without training clips or nothing held out; the message names the file or folder.</exception>
    public static AudioDatasetSplit Load(string directory, int sampleRate)
    {
        var (files, labels, classNames) = Scan(directory);
        var clips = new AudioClip[files.Length];
        Parallelism.ForChunks(files.Length, 4, (start, end) =>
        {
            for (var i = start; i < end; i++) clips[i] = WavFile.Read(files[i]).ResampledTo(sampleRate);
        });
        var names = files.Select(f => Path.GetFileName(f)).ToArray();
        var all = new AudioDataset(clips, names, labels, classNames, directory);
        var test = Enumerable.Range(0, files.Length).Where(i => IsHeldOut(names[i])).ToArray();
        var train = Enumerable.Range(0, files.Length).Except(test).ToArray();
        if (test.Length == 0 || train.Length == 0)
            throw new DatasetException(directory, $"{files.Length} clips are too few to hold out {TestFraction:P0} of them by file name");
        if (labels is not null && Enumerable.Range(0, classNames!.Length).FirstOrDefault(c => !train.Any(i => labels[i] == c), -1) is var missing and >= 0)
            throw new DatasetException(Path.Combine(directory, classNames[missing]), "every clip of this class was held out; add clips");
        return new AudioDatasetSplit(all.Subset(train, directory), all.Subset(test, directory + " (held out)"));
    }

    /// <summary>True when the clip called <paramref name="fileName"/> belongs to the held-out part: the FNV-1a hash of its
    /// UTF-8 bytes, as a fraction of 2^64, is below <see cref="TestFraction"/>.</summary>
    public static bool IsHeldOut(string fileName)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(fileName)) hash = (hash ^ b) * 1099511628211UL;
        hash ^= hash >> 33; // FNV's low bits mix poorly into the high ones for short names
        hash *= 0xFF51AFD7ED558CCDUL;
        hash ^= hash >> 33;
        return hash < TestFraction * ulong.MaxValue;
    }

    private static (string[] Files, int[]? Labels, string[]? ClassNames) Scan(string directory)
    {
        if (!Directory.Exists(directory)) throw new DatasetException(directory, "audio folder not found");
        var top = Wavs(directory, SearchOption.TopDirectoryOnly);
        var classDirs = Directory.GetDirectories(directory).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
        var perClass = classDirs.Select(d => Wavs(d, SearchOption.AllDirectories)).ToArray();
        if (perClass.All(f => f.Length == 0))
        {
            if (top.Length == 0) throw new DatasetException(directory, "no .wav files found in the folder or its class sub-folders");
            return (top, null, null);
        }
        if (top.Length > 0)
            throw new DatasetException(directory, $"mixes {top.Length} WAV files at the top level (e.g. {Path.GetFileName(top[0])}) with class sub-folders; use one layout");
        var empty = Array.FindIndex(perClass, f => f.Length == 0);
        if (empty >= 0) throw new DatasetException(classDirs[empty], "class folder holds no .wav files");
        var duplicate = perClass.SelectMany(f => f).GroupBy(f => Path.GetFileName(f), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new DatasetException(directory, $"two clips are called {duplicate.Key} ({string.Join(", ", duplicate)}); names decide the split, so they must be unique");
        return ([.. perClass.SelectMany(f => f)], [.. perClass.SelectMany((f, c) => Enumerable.Repeat(c, f.Length))], [.. classDirs.Select(d => Path.GetFileName(d))]);
    }

    private static string[] Wavs(string directory, SearchOption search) =>
        [.. Directory.EnumerateFiles(directory, "*", search)
            .Where(f => Path.GetExtension(f).Equals(".wav", StringComparison.OrdinalIgnoreCase)
                && !Path.GetRelativePath(directory, f).Split(Path.DirectorySeparatorChar).Any(p => p.StartsWith('.')))
            .Order(StringComparer.Ordinal)];
}
