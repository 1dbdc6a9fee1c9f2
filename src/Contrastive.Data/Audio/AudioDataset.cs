namespace Contrastive.Data.Audio;

/// <summary>Mono clips at one sample rate with their file names and optional class labels in [0, ClassCount).</summary>
public sealed class AudioDataset
{
    /// <summary>Creates a dataset.</summary>
    /// <exception cref="ArgumentException">The sizes disagree, the rates differ, or a label is out of range.</exception>
    public AudioDataset(IReadOnlyList<AudioClip> clips, IReadOnlyList<string> names, int[]? labels, IReadOnlyList<string>? classNames, string source)
    {
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentNullException.ThrowIfNull(names);
        if (clips.Count == 0) throw new ArgumentException($"{source}: no clips");
        if (names.Count != clips.Count || (labels is not null && labels.Length != clips.Count))
            throw new ArgumentException($"{source}: {clips.Count} clips, {names.Count} names and {labels?.Length} labels");
        if (clips.Any(c => c.SampleRate != clips[0].SampleRate)) throw new ArgumentException($"{source}: clips at different sample rates");
        if (labels is not null && (classNames is null || labels.Any(l => l < 0 || l >= classNames.Count)))
            throw new ArgumentException($"{source}: labels outside the {classNames?.Count ?? 0} class names");
        (Clips, Names, Labels, ClassNames, Source) = (clips, names, labels, labels is null ? null : classNames, source);
    }

    /// <summary>The clips.</summary>
    public IReadOnlyList<AudioClip> Clips { get; }

    /// <summary>The file name of each clip (without folders), which decides its split.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Class labels, or null for unlabeled data.</summary>
    public int[]? Labels { get; }

    /// <summary>Class names by label, or null.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>Where the data came from, for messages.</summary>
    public string Source { get; }

    /// <summary>Number of clips.</summary>
    public int Count => Clips.Count;

    /// <summary>Number of classes (0 when unlabeled).</summary>
    public int ClassCount => ClassNames?.Count ?? 0;

    /// <summary>The common sample rate.</summary>
    public int SampleRate => Clips[0].SampleRate;

    /// <summary>The clips at <paramref name="indices"/>, in that order, with the same class names.</summary>
    public AudioDataset Subset(IReadOnlyList<int> indices, string source) =>
        new([.. indices.Select(i => Clips[i])], [.. indices.Select(i => Names[i])], Labels is null ? null : [.. indices.Select(i => Labels[i])], ClassNames, source);
}
