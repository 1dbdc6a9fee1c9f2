using System.CommandLine;
using System.Globalization;
using Contrastive.Audio;
using Contrastive.Data.Datasets;
using Contrastive.Data.Text;
using Contrastive.Evaluation;
using Contrastive.Evaluation.Classification;
using Contrastive.Evaluation.Verification;
using Contrastive.IO;
using Contrastive.Models;
using Contrastive.Runs;
using Contrastive.Text;
using Contrastive.Training;

namespace Contrastive.Cli;

/// <summary><c>contrastive eval</c>: kNN, linear probe, verification, retrieval and health of a trained encoder, and zero-shot
/// accuracy of a CLIP run; eval.json and report.html.</summary>
internal static class EvalCommand
{
    private static readonly ModelOptions s_model = new();
    private static readonly Option<string> s_data = new("--data") { Description = "demo | fashion-mnist | PATH (labeled image folder, IDX folder, FILE.csv or FILE.jsonl); for a text run or backbone wordnet | fortunes | FILE.jsonl/.csv/.tsv of text records", Required = true };
    private static readonly Option<int?> s_knnK = new("--knn-k") { Description = "kNN neighbours (default: the run's, else 4% of the smallest class, between 5 and 200)" };
    private static readonly Option<bool> s_linear = new("--linear") { Description = "Also train and report a linear probe" };
    private static readonly Option<string?> s_pairs = new("--pairs") { Description = "CSV of test-set pairs 'first,second,same' for verification (default: sampled from labels)" };
    private static readonly Option<bool> s_supervised = new("--supervised-baseline")
    {
        Description = $"Images: also train the run's architecture from scratch with labels on each few-label draw (1, 10 and 100 per class, " +
            $"{LabelEfficiency.DefaultDraws} draws, {SupervisedFewLabels.DefaultSteps} steps each) and report its test accuracy beside the few-label kNN and probe",
    };
    private static readonly Option<string?> s_out = new("--out") { Description = $"Where {RunFiles.Evaluation} and {RunFiles.Report} go (default: the model directory; required with --backbone)" };

    public static Command Create(TextWriter output)
    {
        var command = new Command("eval", $"Evaluate a trained encoder (or a pre-trained backbone); prints a table and writes {RunFiles.Evaluation} and {RunFiles.Report}.") { s_data, s_knnK, s_linear, s_pairs, s_supervised, s_out };
        foreach (var option in s_model.All) command.Options.Add(option);
        command.SetAction(parsed =>
        {
            s_model.ApplyThreads(parsed);
            var modelDir = s_model.RunDirectory(parsed);
            var outDir = parsed.GetValue(s_out) ?? modelDir ?? throw new ArgumentException("--backbone has no run directory to write to: give --out DIR");
            var spec = parsed.GetValue(s_data)!;
            if (modelDir is not null ? TextRun.IsTextRun(modelDir) : TextRun.Backbones.Contains(parsed.GetValue(s_model.Backbone)!))
                return EvaluateText(modelDir, parsed.GetValue(s_model.Backbone), spec, parsed.GetValue(s_knnK), outDir, output);
            var data = RunEvaluationData.Load(spec, modelDir ?? outDir, requireLabels: true);
            var (config, model) = s_model.Load(parsed, data.Geometry);
            if (!data.IsLabeled && !(model.Encoder is TwoTowerModel && ClipRun.IsImageText(spec)))
                throw new ArgumentException($"{data.Source} has no labels; evaluation needs labeled data (or image-text pairs for a clip model)");
            var k = parsed.GetValue(s_knnK) ?? config.KnnNeighbours(data.TrainLabels);
            if (k < 1) throw new ArgumentException($"--knn-k must be positive, got {k}");
            var options = RunEvaluation.Options(k, config.Seed) with
            {
                LinearProbe = parsed.GetValue(s_linear) ? new LinearProbeOptions() : null,
                Pairs = parsed.GetValue(s_pairs) is { } pairsFile ? PairsFile.Read(pairsFile, data.TestCount) : null,
            };
            var metrics = RunMetrics(modelDir);
            var imageText = model.Encoder is TwoTowerModel && data.Images is { } images
                ? ImageTextEvaluation.For(spec, images, config, ClipRun.Tokenizer(modelDir!)) : null;
            var supervised = !parsed.GetValue(s_supervised) ? null
                : SupervisedFewLabels.Evaluate(data.Images ?? throw new ArgumentException($"--supervised-baseline trains a network on images; {data.Source} holds {data.Unit}"),
                    config, options);
            var result = RunEvaluation.Write(outDir, model.Encoder, data, options, RunEvaluation.Rows(config), metrics, imageText, supervised)!;
            PrintTable(output, result);
            if (modelDir is not null && AudioRun.IsAudio(spec)) AudioEvaluationLines.Write(output, modelDir, outDir, spec, result, options);
            var written = new RunDirectory(outDir);
            output.WriteLine($"wrote {written.Evaluation} and {written.Report}");
            return 0;
        });
        return command;
    }

    /// <summary>A text run or backbone on the held-out part of text records (the run's split), next to TF-IDF.</summary>
    private static int EvaluateText(string? modelDir, string? backbone, string spec, int? knnK, string outDir, TextWriter output)
    {
        var (config, encoder, tokenizer) = modelDir is not null ? TextRun.Load(modelDir) : TextRun.Backbone(backbone!);
        var split = TextCorpusSplit.Of(TextDataResolver.Load(spec), (ulong)config.Seed);
        var k = knnK ?? config.KnnK ?? TextEvaluation.DefaultK(split);
        if (k < 1) throw new ArgumentException($"--knn-k must be positive, got {k}");
        var name = modelDir is null ? $"{backbone} as it comes" : "learned encoder";
        var (learned, baseline) = TextEvaluation.Evaluate(encoder, tokenizer, config.MaxTextLength ?? MethodDefaults.MaxTextLength, split, k, name);
        var (figures, report) = TextEvaluationReport.Write(outDir, learned, baseline, k, config, RunMetrics(modelDir), output);
        output.WriteLine($"wrote {figures} and {report}");
        return 0;
    }

    /// <summary>The per-epoch metrics of the run in <paramref name="modelDir"/>, or null for a backbone or a run without them.</summary>
    private static IReadOnlyList<EpochMetrics>? RunMetrics(string? modelDir)
    {
        var path = modelDir is null ? null : new RunDirectory(modelDir).Metrics;
        return File.Exists(path) ? EpochMetrics.ReadAll(path) : null;
    }

    private static void PrintTable(TextWriter output, EvaluationResult r)
    {
        var rows = new List<(string, string)>();
        if (r.Knn is { } knn) rows.Add(($"kNN top-1 (k={knn.K})", P(knn.Result.Top1)));
        if (r.LinearProbe is { } probe) rows.Add(("linear probe top-1", P(probe.Result.Top1)));
        if (r.ZeroShotAccuracy is { } zeroShot) rows.Add(("zero-shot top-1", P(zeroShot)));
        if (r.ImageText is { } it)
        {
            rows.Add(("image to text recall@1", P(it.ImageToText.RecallAtK[0].Value)));
            rows.Add(("text to image recall@1", P(it.TextToImage.RecallAtK[0].Value)));
        }
        if (r.Baseline?.Knn is { } rawKnn) rows.Add(($"kNN top-1 on {r.Baseline.Name}", P(rawKnn.Result.Top1)));
        if (r.Baseline?.LinearProbe is { } rawProbe) rows.Add(($"linear probe top-1 on {r.Baseline.Name}", P(rawProbe.Result.Top1)));
        foreach (var (few, i) in (r.FewLabels ?? []).Select((few, i) => (few, i)))
        {
            rows.Add(($"{few.LabelsPerClass} label(s)/class: kNN / probe", $"{P(few.KnnTop1)} / {P(few.LinearProbeTop1)}"));
            if (r.Baseline?.FewLabels is { } raw && i < raw.Count)
                rows.Add(($"{few.LabelsPerClass} label(s)/class on {r.Baseline.Name}", $"{P(raw[i].KnnTop1)} / {P(raw[i].LinearProbeTop1)}"));
        }
        foreach (var row in r.SupervisedFewLabels ?? [])
            rows.Add(($"{row.LabelsPerClass} label(s)/class: supervised from scratch", P(row.Top1)));
        if (r.Verification is { } v)
        {
            rows.Add(("verification ROC-AUC", F(v.RocAuc)));
            rows.Add(("verification EER", F(v.EqualErrorRate)));
        }
        if (r.Retrieval is { } ret)
        {
            rows.Add(("retrieval precision@1", F(ret.PrecisionAt1)));
            rows.Add(("retrieval MAP@R", F(ret.MapAtR)));
        }
        if (r.Health is { } h) rows.Add(("effective rank", F(h.EffectiveRank)));
        var width = rows.Max(x => x.Item1.Length);
        foreach (var (name, value) in rows) output.WriteLine($"{name.PadRight(width)}  {value}");
    }

    private static string P(double v) => v.ToString("P2", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}
