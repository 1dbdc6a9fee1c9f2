using Contrastive.Data;
using Contrastive.Data.Datasets;
using Contrastive.Evaluation;
using Contrastive.Evaluation.Classification;
using Contrastive.Training;

namespace Contrastive.Runs;

/// <summary>
/// The supervised row of the label-efficiency view: the run's encoder architecture, freshly initialised, trained with a
/// linear classifier and cross-entropy (the <c>classifier</c> method with its weakly augmented views, SGD and a cosine
/// schedule) on the same few labelled images per class as the few-label kNN and probe (<see cref="LabelEfficiency.DrawRows"/>),
/// then scored on the whole test set. Every training takes the same number of optimiser steps, so larger label sets
/// get fewer epochs. What self-supervised pre-training must beat to be worth its compute when labels are few.
/// </summary>
public static class SupervisedFewLabels
{
    /// <summary>Optimiser steps of each training by default.</summary>
    public const int DefaultSteps = 300;

    /// <summary>The largest batch of a training; smaller label sets train in one batch of all their images.</summary>
    public const int MaxBatch = 128;

    /// <summary>Trains and scores one network per size of <paramref name="options"/>' few-label view and draw.</summary>
    /// <param name="data">Labelled images, split into train and test.</param>
    /// <param name="run">The run whose architecture (and pool grid, seed, flips and threads) the networks take.</param>
    /// <param name="options">The evaluation's sizes and seed (<see cref="EvaluationOptions.FewLabelsPerClass"/>, <see cref="EvaluationOptions.FewLabelSeed"/>).</param>
    /// <param name="steps">Optimiser steps of each training.</param>
    /// <param name="draws">Seeded draws averaged per size.</param>
    /// <exception cref="ArgumentException">The images have no labels, or fewer than 2 classes, or steps or draws are below 1.</exception>
    public static IReadOnlyList<SupervisedFewLabelAccuracy> Evaluate(ImageDatasetSplit data, TrainConfig run, EvaluationOptions options,
        int steps = DefaultSteps, int draws = LabelEfficiency.DefaultDraws)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        if (data.Train.Labels is not { } trainLabels || data.Test.Labels is not { } testLabels)
            throw new ArgumentException($"the supervised few-label baseline needs labelled images; {data.Train.Source} has none");
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), $"steps must be at least 1, got {steps}");
        if (draws < 1) throw new ArgumentOutOfRangeException(nameof(draws), $"draws must be at least 1, got {draws}");
        return [.. options.FewLabelsPerClass.Select(n =>
        {
            var accuracies = Enumerable.Range(0, draws).Select(draw =>
                TrainAndScore(data, LabelEfficiency.DrawRows(trainLabels, n, draw, options.FewLabelSeed), testLabels, run, steps, draw)).ToArray();
            return new SupervisedFewLabelAccuracy(n, draws, accuracies[0].Steps, accuracies.Average(a => a.Top1));
        })];
    }

    private static (int Steps, double Top1) TrainAndScore(ImageDatasetSplit data, int[] rows, int[] testLabels, TrainConfig run, int steps, int draw)
    {
        var train = data.Train.Subset(rows);
        var batch = Math.Min(MaxBatch, train.Count);
        var epochs = (steps + train.Count / batch - 1) / (train.Count / batch);
        var config = new TrainConfig
        {
            Method = Methods.Classifier.Id,
            Arch = run.Arch,
            PoolGrid = run.PoolGrid,
            Width = run.Width,
            HorizontalFlip = run.HorizontalFlip,
            Threads = run.Threads,
            Data = run.Data,
            Epochs = epochs,
            Batch = batch,
            Seed = run.Seed + draw,
        };
        var setup = TrainingSetup.Create(config, new ImageDatasetSplit(train, data.Test));
        var scratch = Directory.CreateTempSubdirectory("contrastive-supervised-");
        try
        {
            new Trainer(config.ToTrainerOptions(), setup.Method, setup.Batches, scratch.FullName).Run();
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
        var logits = Embedder.Embed(setup.Method.Model, data.Test);
        return (epochs * setup.Batches.BatchesPerEpoch, ClassificationReport.FromScores(logits.Span, testLabels, logits.Size(1)).Top1);
    }
}
