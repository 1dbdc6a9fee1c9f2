using Contrastive.Data.Datasets;
using Contrastive.Evaluation.Classification;
using Contrastive.Runs;
using Contrastive.Testing;
using Contrastive.Training;
using Xunit.Abstractions;

namespace Contrastive.Learning.Tests.Training;

/// <summary>Training on CSV tables: SCARF views of standardised rows, every method, resume, evaluation and wrong combinations.</summary>
public sealed class TabularTrainingTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempDirectory _temp = new("contrastive-tabular");

    public void Dispose() => _temp.Dispose();

    private TabularDatasetSplit Small(int rows = 240) =>
        TabularRun.LoadForTraining(SyntheticTable.Write(Path.Combine(_temp.Path, "small.csv"), rows, informative: 6, noise: 10, seed: 3), "label").Data;

    private static TrainConfig Config(string method, int epochs = 2) => new()
    {
        Method = method,
        Arch = "mlp",
        Epochs = epochs,
        Batch = 32,
        KnnK = 10,
        Seed = 3,
        QueueSize = 64,
        HiddenDim = 32,
        Data = "small.csv",
    };

    [Fact]
    public void Scarf_simclr_beats_the_raw_standardised_features_when_the_class_signal_is_buried()
    {
        // 16 informative columns (a 2-D class latent, redundantly projected) among 200 independent noise columns, every
        // column at a random scale in 1e-2..1e3: standardisation equalises the scales, but the raw kNN distance is still
        // dominated by the noise columns. SCARF's corrupted views can only be matched through structure shared across
        // columns, which is the class latent.
        var csv = SyntheticTable.Write(Path.Combine(_temp.Path, "buried.csv"), rows: 2400, informative: 16, noise: 200, seed: 7, sigma: 0.6f);
        var (data, _) = TabularRun.LoadForTraining(csv, "label");
        var raw = EvaluationData.Of(data);
        var rawKnn = KnnClassifier.Evaluate(raw.RawTrain(), raw.TrainLabels!, raw.RawTest(), raw.TestLabels!, new KnnOptions { K = 20, Classes = 4 }).Top1;

        var config = new TrainConfig { Method = "simclr", Arch = "mlp", Optimizer = "adamw", Lr = 3e-3f, Epochs = 10, Batch = 128, KnnK = 20, Seed = 1, Data = csv };
        var setup = TrainingSetup.Create(config, data, workers: 1);
        var metrics = new Trainer(config.ToTrainerOptions(), setup.Method, setup.Batches, Path.Combine(_temp.Path, "run"), setup.Evaluator).Run();

        var learned = metrics[^1].KnnAccuracy!.Value;
        log.WriteLine($"kNN (k=20) test accuracy: raw standardised features {rawKnn:P1}, SCARF + SimCLR MLP encoder {learned:P1} " +
            $"(epoch 1: {metrics[0].KnnAccuracy:P1}); loss {metrics[0].Loss:F3} -> {metrics[^1].Loss:F3}");
        Assert.True(metrics[^1].Loss < metrics[0].Loss, $"loss {metrics[0].Loss} -> {metrics[^1].Loss}");
        Assert.True(learned > rawKnn, $"learned kNN {learned:P1} does not beat raw standardised features {rawKnn:P1}");
        Assert.All(metrics, m => Assert.Equal("ok", m.Health));
    }

    [Theory]
    [MemberData(nameof(TrainableMethods.ExceptClip), MemberType = typeof(TrainableMethods))]
    public void Every_method_trains_on_a_table(string method)
    {
        var config = Config(method);
        var setup = TrainingSetup.Create(config, Small(), workers: 1);
        var metrics = new Trainer(config.ToTrainerOptions(), setup.Method, setup.Batches, _temp.Path, setup.Evaluator).Run();

        Assert.Equal(2, metrics.Count);
        Assert.All(metrics, m => Assert.True(double.IsFinite(m.Loss), $"{method}: loss {m.Loss}"));
        Assert.All(metrics, m => Assert.NotNull(m.KnnAccuracy));
        Assert.All(metrics, m => Assert.NotNull(m.Health));
        Assert.Equal((method == "classifier" ? 1 : 2) * 32, setup.Batches.ViewsPerBatch);
    }

    [Fact]
    public void A_resumed_table_run_ends_exactly_like_an_uninterrupted_one()
    {
        var config = Config("simclr", epochs: 3);
        var data = Small();
        var (full, continued, straightModel, resumedModel) = ResumeHarness.Run(config, _temp.Path, workers => TrainingSetup.Create(config, data, workers));

        Assert.Equal(full.Select(m => m.Loss), continued.Select(m => m.Loss));
        Assert.Equal(straightModel, resumedModel);
    }

    [Fact]
    public void Run_evaluation_writes_eval_json_and_the_report_for_a_table()
    {
        var config = Config("simclr", epochs: 1);
        var data = Small();
        var setup = TrainingSetup.Create(config, data, workers: 1);
        var metrics = new Trainer(config.ToTrainerOptions(), setup.Method, setup.Batches, _temp.Path, setup.Evaluator).Run();
        var result = RunEvaluation.Write(_temp.Path, setup.Method.Model.Encoder, EvaluationData.Of(data), RunEvaluation.Options(10, 3),
            RunEvaluation.Rows(config), metrics);
        Assert.NotNull(result?.Knn);
        Assert.True(File.Exists(Path.Combine(_temp.Path, "eval.json")));
        var report = File.ReadAllText(Path.Combine(_temp.Path, "report.html"));
        Assert.Contains("<svg", report);
        Assert.Contains("small.csv", report);
    }

    [Fact]
    public void Wrong_combinations_of_data_and_options_are_rejected()
    {
        var table = Small();
        Assert.Contains("needs image data", Assert.Throws<ArgumentException>(() => TrainingSetup.Create(Config("simclr") with { Arch = "bench" }, table)).Message);
        Assert.Contains("--label-column applies to CSV", Assert.Throws<ArgumentException>(() =>
            TrainingSetup.Create(Config("simclr") with { Arch = "bench", LabelColumn = "label" }, TinyData.Create())).Message);
        Assert.Contains("--corruption-rate applies to CSV", Assert.Throws<ArgumentException>(() =>
            TrainingSetup.Create(Config("simclr") with { Arch = "bench", CorruptionRate = 0.3f }, TinyData.Create())).Message);
        Assert.Contains("corruption rate must be in [0, 1]", Assert.Throws<ArgumentException>(() =>
            TrainingSetup.Create(Config("simclr") with { CorruptionRate = 1.5f }, table)).Message);
        var unlabeled = table with { Train = Strip(table.Train), Test = Strip(table.Test) };
        Assert.Contains("--label-column", Assert.Throws<ArgumentException>(() => TrainingSetup.Create(Config("supcon"), unlabeled)).Message);
        Assert.Contains("192 training rows", Assert.Throws<ArgumentException>(() => TrainingSetup.Create(Config("simclr") with { Batch = 500 }, table)).Message);
    }

    private static Contrastive.Data.TabularDataset Strip(Contrastive.Data.TabularDataset data) =>
        new(data.Features.ToArray(), data.Count, data.FeatureCount, null, data.ColumnNames, data.Source);
}
