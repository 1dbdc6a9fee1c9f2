using System.CommandLine;
using System.Globalization;
using Contrastive.Compression;
using Contrastive.Data.Datasets;
using Contrastive.IO;
using Contrastive.Models;
using Contrastive.Multimodal;
using Contrastive.Runs;

namespace Contrastive.Cli;

/// <summary><c>contrastive compress</c>: a pruned and/or int8 copy of a run (<see cref="RunCompression"/>), checked
/// against the original on data (<see cref="CompressionCheck"/>).</summary>
internal static class CompressCommand
{
    private static readonly Option<string> s_model = new("--model") { Description = "Run directory written by 'contrastive train'", Required = true };
    private static readonly Option<string> s_out = new("--out") { Description = "Directory for the compressed copy of the run", Required = true };
    private static readonly Option<string> s_format = new("--format") { Description = "Weight storage: int8 (symmetric per output channel, 4x smaller) | f32", DefaultValueFactory = _ => "int8" };
    private static readonly Option<double> s_prune = new("--prune") { Description = "Share of each weight matrix and kernel to zero by magnitude, in [0, 1) (default 0)" };
    private static readonly Option<int?> s_recalibrate = new("--recalibrate") { Description = $"Batches of {BatchNormRecalibration.BatchSize} training samples to re-estimate batch-norm statistics on (default 50 with --prune, else 0)" };
    private static readonly Option<string?> s_data = new("--data") { Description = "Data to compare the two encoders on (default: the run's own --data)" };
    private static readonly Option<int?> s_knnK = new("--knn-k") { Description = "kNN neighbours for the comparison on labeled data (default: the run's, else 4% of the smallest class, between 5 and 200)" };

    public static Command Create(TextWriter output)
    {
        s_format.AcceptOnlyFromAmong("int8", "f32");
        var command = new Command("compress", "Write a compressed copy of a run (int8 weights, magnitude pruning) and compare its embeddings and kNN accuracy with the original's.")
        {
            s_model, s_out, s_format, s_prune, s_recalibrate, s_data, s_knnK,
        };
        command.SetAction(parsed =>
        {
            var modelDir = parsed.GetValue(s_model)!;
            var outDir = parsed.GetValue(s_out)!;
            if (parsed.GetValue(s_knnK) is < 1) throw new ArgumentException($"--knn-k must be positive, got {parsed.GetValue(s_knnK)}");
            var prune = parsed.GetValue(s_prune);
            var recalibrate = parsed.GetValue(s_recalibrate) ?? (prune > 0 ? 50 : 0);
            if (recalibrate < 0) throw new ArgumentException($"--recalibrate must be 0 or more, got {recalibrate}");
            var spec = parsed.GetValue(s_data) ?? TrainConfig.Load(new RunDirectory(modelDir).Config).Data;
            var data = RunEvaluationData.Load(spec, modelDir, requireLabels: false);
            var options = new CompressionOptions { PruneFraction = prune, Int8 = parsed.GetValue(s_format) == "int8", RecalibrationBatches = recalibrate };
            var summary = RunCompression.Compress(modelDir, outDir, options, data);
            var recalibrated = summary.RecalibratedLayers > 0 ? $"; {summary.RecalibratedLayers} batch norms recalibrated" : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {new RunDirectory(outDir).Model}: {summary.BytesAfter:N0} bytes (was {summary.BytesBefore:N0}, {(double)summary.BytesBefore / summary.BytesAfter:0.00}x smaller); " +
                $"{summary.CompressedWeights} weight tensors, {(double)summary.ZeroWeights / summary.WeightCount:P1} of their {summary.WeightCount:N0} entries zero{recalibrated}"));
            var (config, original) = RunModel.Load(modelDir, data.Geometry);
            var (_, compressed) = RunModel.Load(outDir, data.Geometry);
            var check = CompressionCheck.Compare(data, original.Encoder, compressed.Encoder, parsed.GetValue(s_knnK) ?? config.KnnNeighbours(data.TrainLabels));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"embeddings of the {data.TestCount:N0} test {data.Unit} of {spec}: cosine to the original's mean {check.MeanCosine:0.0000}, min {check.MinCosine:0.0000}"));
            if (check.KnnBefore is { } before && check.KnnAfter is { } after) PrintChange(output, $"kNN top-1 (k={check.K})", before, after);
            if (original.Encoder is TwoTowerModel originalTowers && compressed.Encoder is TwoTowerModel compressedTowers
                && data.Images is { } images && ZeroShotOf(spec, images, config, modelDir) is { } zeroShot)
                PrintChange(output, "zero-shot top-1", zeroShot.Accuracy(originalTowers), zeroShot.Accuracy(compressedTowers));
            return 0;
        });
        return command;
    }

    /// <summary>The zero-shot evaluation of a CLIP run on the test pairs of <paramref name="spec"/> (whose images are
    /// <paramref name="images"/>), or null when the images have no class names to prompt with.</summary>
    private static ZeroShotEvaluation? ZeroShotOf(string spec, ImageDatasetSplit images, TrainConfig config, string modelDir)
    {
        var pairs = ImageTextEvaluation.For(spec, images, config, ClipRun.Tokenizer(modelDir)).TestPairs;
        return ZeroShotEvaluation.For(pairs.Images, pairs.Tokenizer, pairs.MaxLength);
    }

    private static void PrintChange(TextWriter output, string what, double before, double after) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {before:P2} before, {after:P2} after ({(after - before) * 100:+0.00;-0.00;0.00} points)"));
}
