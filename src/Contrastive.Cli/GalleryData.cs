using Contrastive.Data;
using Contrastive.Data.Datasets;
using Contrastive.Data.Text;
using Contrastive.IO;
using Contrastive.Multimodal;
using Contrastive.Runs;

namespace Contrastive.Cli;

/// <summary>The part of a dataset that <c>embed</c> and <c>serve</c> work on, chosen by <c>--split</c>: test, train, or
/// all (images: train then test; CSV and JSONL: every row in file order).</summary>
internal static class GalleryData
{
    /// <summary>The help text of the <c>--split</c> option.</summary>
    public const string SplitHelp = "test | train | all (images: train then test; CSV and JSONL: every row in file order)";

    /// <summary>The images of <paramref name="spec"/> in the chosen split.</summary>
    public static ImageDataset Images(string spec, string split)
    {
        if (split == "all" && ClipRun.IsImageText(spec)) return ImageTextJsonl.Load(spec).Images;
        var data = ClipRun.LoadImages(spec);
        return split switch
        {
            "train" => data.Train,
            "test" => data.Test,
            _ => Concatenate(data.Train, data.Test, $"{spec} (train and test parts)"),
        };
    }

    /// <summary>The rows of the CSV <paramref name="spec"/> in the chosen split, standardised with the run's statistics,
    /// with the class names of their labels when the run's label column is present.</summary>
    public static (TabularDataset Data, IReadOnlyList<string>? ClassNames) Table(string spec, string modelDir, string split)
    {
        if (split == "all") return TabularRun.LoadAll(spec, modelDir);
        var data = TabularRun.LoadSplit(spec, modelDir, requireLabels: false);
        return (split == "train" ? data.Train : data.Test, data.ClassNames);
    }

    /// <summary>The text records of <paramref name="spec"/> (wordnet, fortunes or a file of text records) in the chosen
    /// split of the text run in <paramref name="modelDir"/> (its seed; all: every record in file order).</summary>
    public static TextCorpus Texts(string spec, string modelDir, string split)
    {
        var all = TextDataResolver.Load(spec);
        if (split == "all") return all;
        var parts = TextCorpusSplit.Of(all, (ulong)TrainConfig.Load(new RunDirectory(modelDir).Config).Seed);
        return split == "train" ? parts.Train : parts.Test;
    }

    private static ImageDataset Concatenate(ImageDataset a, ImageDataset b, string source)
    {
        var pixels = new float[a.Pixels.Length + b.Pixels.Length];
        a.Pixels.CopyTo(pixels);
        b.Pixels.CopyTo(pixels.AsSpan(a.Pixels.Length));
        int[]? labels = a.Labels is null || b.Labels is null ? null : [.. a.Labels, .. b.Labels];
        return new ImageDataset(pixels, a.Count + b.Count, a.Channels, a.Height, a.Width, labels, a.ClassNames, source);
    }
}
