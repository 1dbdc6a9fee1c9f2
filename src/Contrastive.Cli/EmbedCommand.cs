using System.CommandLine;
using Contrastive.Data;
using Contrastive.Data.Datasets;
using Contrastive.Data.Formats;
using Contrastive.Multimodal;
using Contrastive.Tensors;
using Contrastive.Training;

namespace Contrastive.Cli;

/// <summary><c>contrastive embed</c>: the eval-mode encoder output of a dataset as an N x D float32 .npy file, in dataset order
/// (for a CLIP run, the joint-space image embeddings).</summary>
internal static class EmbedCommand
{
    private static readonly Option<string> s_model = new("--model") { Description = "Run directory written by 'contrastive train'", Required = true };
    private static readonly Option<string> s_data = new("--data") { Description = "demo | fashion-mnist | PATH (image folder, IDX folder, FILE.csv or FILE.jsonl)", Required = true };
    private static readonly Option<string> s_out = new("--out") { Description = "Output .npy file", Required = true };
    private static readonly Option<string> s_split = new("--split") { Description = "test | train | all (images: train then test; CSV and JSONL: every row in file order); default test", DefaultValueFactory = _ => "test" };

    public static Command Create(TextWriter output)
    {
        s_split.AcceptOnlyFromAmong("test", "train", "all");
        var command = new Command("embed", "Write the encoder's embeddings of a dataset to a .npy file (N x D float32).") { s_model, s_data, s_out, s_split };
        command.SetAction(parsed =>
        {
            var (spec, modelDir, split) = (parsed.GetValue(s_data)!, parsed.GetValue(s_model)!, parsed.GetValue(s_split)!);
            var (embeddings, source) = DatasetResolver.IsTable(spec) ? EmbedTable(spec, modelDir, split) : EmbedImages(spec, modelDir, split);
            var path = parsed.GetValue(s_out)!;
            NpyFile.Write(path, embeddings.Span, embeddings.Shape.ToArray());
            output.WriteLine($"wrote {path}: {embeddings.Size(0)} x {embeddings.Size(1)} float32 embeddings of {source}");
            return 0;
        });
        return command;
    }

    private static (Tensor, string) EmbedImages(string spec, string modelDir, string split)
    {
        var data = split == "all" && ClipRun.IsImageText(spec) ? ImageTextJsonl.Load(spec).Images : Split(ClipRun.LoadImages(spec), split);
        var (_, model) = RunModel.Load(modelDir, InputGeometry.Image(data.Channels, data.Height, data.Width));
        return (Embedder.Embed(model.Encoder, data), data.Source);
    }

    private static (Tensor, string) EmbedTable(string spec, string modelDir, string split)
    {
        var data = split switch
        {
            "train" => TabularRun.LoadSplit(spec, modelDir, requireLabels: false).Train,
            "test" => TabularRun.LoadSplit(spec, modelDir, requireLabels: false).Test,
            _ => TabularRun.LoadAll(spec, modelDir),
        };
        var (_, model) = RunModel.Load(modelDir, InputGeometry.Table(data.FeatureCount));
        return (Embedder.Embed(model.Encoder, data), data.Source);
    }

    private static ImageDataset Split(ImageDatasetSplit data, string split) => split switch
    {
        "train" => data.Train,
        "test" => data.Test,
        _ => Concatenate(data.Train, data.Test),
    };

    private static ImageDataset Concatenate(ImageDataset a, ImageDataset b)
    {
        var pixels = new float[a.Pixels.Length + b.Pixels.Length];
        a.Pixels.CopyTo(pixels);
        b.Pixels.CopyTo(pixels.AsSpan(a.Pixels.Length));
        int[]? labels = a.Labels is null || b.Labels is null ? null : [.. a.Labels, .. b.Labels];
        return new ImageDataset(pixels, a.Count + b.Count, a.Channels, a.Height, a.Width, labels, a.ClassNames, a.Source);
    }
}
