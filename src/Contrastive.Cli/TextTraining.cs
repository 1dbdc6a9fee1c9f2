using Contrastive.Data.Datasets;
using Contrastive.Data.Text;
using Contrastive.IO;
using Contrastive.Runs;
using Contrastive.Text;
using Contrastive.Training;

namespace Contrastive.Cli;

/// <summary>
/// <c>contrastive train</c> on text (<see cref="TextRun.IsText"/>): loads and splits the records, trains the sentence
/// method with the run's tokenizer saved beside the model, then evaluates the held-out part with the learned encoder and
/// with TF-IDF the same way and prints them side by side (<see cref="TextEvaluationReport"/>).
/// </summary>
internal static class TextTraining
{
    public static int Run(TrainConfig config, string outDir, bool resume, TextWriter output, CancellationToken cancellation)
    {
        var split = TextCorpusSplit.Of(TextDataResolver.Load(config.Data), (ulong)config.Seed);
        // --train-limit trains on a subset of the training records; the held-out part, and the training texts kNN compares
        // them with, stay those of the whole data, so 'eval' repeats the figures.
        var trained = split.WithTrainLimit(config.TrainLimit, (ulong)config.Seed);
        var (method, batches, tokenizer) = TextRun.Setup(config, trained);
        Directory.CreateDirectory(outDir);
        TextRun.SaveTokenizer(tokenizer, outDir);
        var limited = trained.Train.Count < split.Train.Count ? $" (--train-limit: {trained.Train.Count} of {split.Train.Count})" : "";
        output.WriteLine($"{config.Method} on {split.Train.Source}: {trained.Train.Count} train{limited} / {split.Test.Count} held-out {split.Train.Kind} records " +
            $"({tokenizer.VocabularySize} tokens), arch {config.Arch}, {config.Epochs} epochs x {batches.BatchesPerEpoch} steps, batch {config.BatchSize()}, " +
            $"{Engine.Threads} threads -> {outDir}");
        var trainer = new Trainer(config.ToTrainerOptions(), method, batches, outDir, evaluator: null, new ConsoleProgress(output));
        trainer.Run(resume, cancellation);
        cancellation.ThrowIfCancellationRequested();

        var k = config.KnnK ?? TextEvaluation.DefaultK(split);
        var (learned, baseline) = TextEvaluation.Evaluate(method.Model.Encoder, tokenizer, config.MaxTextLength ?? MethodDefaults.MaxTextLength, split, k);
        var run = new RunDirectory(outDir);
        var metrics = EpochMetrics.ReadAll(run.Metrics);
        var (figures, report) = TextEvaluationReport.Write(outDir, learned, baseline, k, config, metrics, output);
        output.WriteLine($"wrote {run.Model}, {figures} and {report}");
        return 0;
    }
}
