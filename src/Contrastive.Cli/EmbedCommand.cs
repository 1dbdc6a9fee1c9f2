using System.CommandLine;
using Contrastive.Audio;
using Contrastive.Data;
using Contrastive.Data.Audio;
using Contrastive.Data.Datasets;
using Contrastive.Data.Formats;
using Contrastive.Data.Text;
using Contrastive.Models;
using Contrastive.Runs;
using Contrastive.Tensors;
using Contrastive.Text;
using Contrastive.Training;

namespace Contrastive.Cli;

/// <summary><c>contrastive embed</c>: the eval-mode encoder output of a dataset as an N x D float32 .npy file, in dataset order
/// (for a CLIP run, the joint-space image embeddings).</summary>
internal static class EmbedCommand
{
    private static readonly ModelOptions s_model = new();
    private static readonly Option<string> s_data = new("--data") { Description = "demo | fashion-mnist | PATH (image folder, IDX folder, FILE.csv, FILE.jsonl, or a folder of .wav files for an audio run); for a text run wordnet | fortunes | FILE.jsonl/.csv/.tsv of text records", Required = true };
    private static readonly Option<string> s_out = new("--out") { Description = "Output .npy file", Required = true };
    private static readonly Option<string> s_split = new("--split") { Description = GalleryData.SplitHelp, DefaultValueFactory = _ => "test" };

    public static Command Create(TextWriter output)
    {
        s_split.AcceptOnlyFromAmong("test", "train", "all");
        var command = new Command("embed", "Write the encoder's embeddings of a dataset to a .npy file (N x D float32).") { s_data, s_out, s_split };
        foreach (var option in s_model.All) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            s_model.ApplyThreads(parsed);
            var (spec, split) = (parsed.GetValue(s_data)!, parsed.GetValue(s_split)!);
            var modelDir = s_model.RunDirectory(parsed);
            var (embeddings, source) = modelDir is not null && TextRun.IsTextRun(modelDir) ? EmbedTexts(spec, modelDir, split)
                : AudioRun.IsAudio(spec) ? EmbedAudio(spec, modelDir ?? throw new ArgumentException("--backbone embeds images, not audio"), split)
                : DatasetResolver.IsTable(spec) ? EmbedTable(spec, modelDir ?? throw new ArgumentException("--backbone embeds images, not table rows"), split)
                : EmbedImages(spec, parsed, split);
            var path = parsed.GetValue(s_out)!;
            NpyFile.Write(path, embeddings.Span, embeddings.Shape.ToArray());
            output.WriteLine($"wrote {path}: {embeddings.Size(0)} x {embeddings.Size(1)} float32 embeddings of {source}");
            return 0;
        });
        return command;
    }

    private static (Tensor, string) EmbedImages(string spec, ParseResult parsed, string split)
    {
        var data = GalleryData.Images(spec, split);
        var (_, model) = s_model.Load(parsed, InputGeometry.Image(data.Channels, data.Height, data.Width));
        return (Embedder.Embed(model.Encoder, data), data.Source);
    }

    /// <summary>A text run: the text (anchor) of every record of the split, in file order within it.</summary>
    private static (Tensor, string) EmbedTexts(string spec, string modelDir, string split)
    {
        var (config, encoder, tokenizer) = TextRun.Load(modelDir);
        var records = GalleryData.Texts(spec, modelDir, split);
        return (Embedder.Embed(encoder, new TokenizedTexts(records.Anchors, tokenizer, config.MaxTextLength ?? MethodDefaults.MaxTextLength, records.Source)), records.Source);
    }

    /// <summary>An audio run: the whole clips of the split (train and held-out parts in file order within each; all: train then held out).</summary>
    private static (Tensor, string) EmbedAudio(string spec, string modelDir, string split)
    {
        var features = AudioFeatures.Load(modelDir);
        var (data, _) = AudioRun.Load(spec, features);
        var parts = split switch { "train" => [data.Train], "test" => [data.Test], _ => new[] { data.Train, data.Test } };
        var front = new LogMelSpectrogram(features.LogMel);
        var shape = features.ClipShape;
        var (_, model) = RunModel.Load(modelDir, InputGeometry.Image(shape[0], shape[1], shape[2]));
        return (Embedder.Embed(model.Encoder, SampleArray.Concat([.. parts.Select(p => features.Clips(p, front))], spec)), spec);
    }

    private static (Tensor, string) EmbedTable(string spec, string modelDir, string split)
    {
        var (data, _) = GalleryData.Table(spec, modelDir, split);
        var (_, model) = RunModel.Load(modelDir, InputGeometry.Table(data.FeatureCount));
        return (Embedder.Embed(model.Encoder, data), data.Source);
    }
}
