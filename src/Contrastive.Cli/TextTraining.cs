using System.Globalization;
using System.Text.Json;
using Contrastive.Data.Datasets;
using Contrastive.Data.Text;
using Contrastive.Evaluation.Classification;
using Contrastive.IO;
using Contrastive.Text;
using Contrastive.Training;

namespace Contrastive.Cli;

/// <summary>
/// <c>contrastive train</c> on text (<see cref="TextRun.IsText"/>): loads and splits the records, trains the sentence
/// method with the run's tokenizer saved beside the model, then evaluates the held-out part with the learned encoder and
/// with TF-IDF the same way and prints them side by side (written to <see cref="EvaluationFile"/>).
/// </summary>
internal static class TextTraining
{
    /// <summary>The held-out figures of a text run, learned and TF-IDF.</summary>
    public const string EvaluationFile = "text-eval.json";

    public static int Run(TrainConfig config, string outDir, bool resume, TextWriter output, CancellationToken cancellation)
    {
        var split = TextCorpusSplit.Of(TextDataResolver.Load(config.Data), (ulong)config.Seed);
        var (method, batches, tokenizer) = TextRun.Setup(config, split);
        Directory.CreateDirectory(outDir);
        tokenizer.Save(Path.Combine(outDir, ClipRun.TokenizerFile));
        output.WriteLine($"{config.Method} on {split.Train.Source}: {split.Train.Count} train / {split.Test.Count} held-out {split.Train.Kind} records " +
            $"({tokenizer.VocabularySize} tokens), arch {config.Arch}, {config.Epochs} epochs x {batches.BatchesPerEpoch} steps, batch {config.BatchSize()}, " +
            $"{Engine.Threads} threads -> {outDir}");
        var trainer = new Trainer(config, method, batches, outDir, evaluator: null, new ConsoleProgress(output));
        trainer.Run(resume, cancellation);
        cancellation.ThrowIfCancellationRequested();

        var k = config.KnnK ?? new KnnOptions().K; // the bench protocol's 200 unless --knn-k says otherwise
        var (learned, baseline) = TextEvaluation.Evaluate(method.Model.Encoder, tokenizer, config.MaxTextLength ?? MethodDefaults.MaxTextLength, split, k);
        foreach (var line in Describe(learned, baseline, k)) output.WriteLine(line);
        AtomicFile.WriteAllText(Path.Combine(outDir, EvaluationFile), JsonSerializer.Serialize(new { learned, baseline }, TrainConfig.Json));
        output.WriteLine($"wrote {Path.Combine(outDir, "model.safetensors")} and {Path.Combine(outDir, EvaluationFile)}");
        return 0;
    }

    private static IEnumerable<string> Describe(TextScores learned, TextScores baseline, int k)
    {
        if (learned.Retrieval is { } r && baseline.Retrieval is { } b)
        {
            yield return $"held-out retrieval ({r.Queries} anchors, each against all held-out positives):";
            foreach (var (mine, theirs) in r.RecallAtK.Zip(b.RecallAtK))
                yield return $"  recall@{mine.K}: learned encoder {Percent(mine.Value)}, TF-IDF {Percent(theirs.Value)}";
            yield return $"  MRR: learned encoder {r.Mrr:F4}, TF-IDF {b.Mrr:F4}; MAP@R: learned encoder {r.MapAtR:F4}, TF-IDF {b.MapAtR:F4}";
        }
        if (learned.KnnAccuracy is { } knn)
            yield return $"kNN (k={k}) held-out accuracy: learned encoder {Percent(knn)}, TF-IDF {Percent(baseline.KnnAccuracy)}";
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("P2", CultureInfo.InvariantCulture) : "n/a";
}
