using Contrastive.IO;
using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Runs;
using Contrastive.Tensors;
using Contrastive.Testing;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Training;

public sealed class TrainerTests : IDisposable
{
    private readonly TempDirectory _temp = new("contrastive-trainer");

    public void Dispose() => _temp.Dispose();

    private static TrainConfig Config(string method, int epochs = 2) => TinyData.Config(method, epochs);

    [Theory]
    [MemberData(nameof(TrainableMethods.ExceptClip), MemberType = typeof(TrainableMethods))]
    public void Every_method_trains_and_writes_its_run(string method)
    {
        var config = Config(method);
        var setup = TrainingSetup.Create(config, TinyData.Create(), workers: 1);
        var metrics = new Trainer(config.ToTrainerOptions(), setup.Method, setup.Batches, _temp.Path, setup.Evaluator).Run();

        Assert.Equal(2, metrics.Count);
        Assert.All(metrics, m => Assert.True(double.IsFinite(m.Loss), $"{method}: loss {m.Loss}"));
        Assert.All(metrics, m => Assert.NotNull(m.KnnAccuracy));
        Assert.True(File.Exists(Path.Combine(_temp.Path, "model.safetensors")));
        Assert.True(File.Exists(Path.Combine(_temp.Path, RunFiles.Checkpoint)));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_temp.Path, "metrics.jsonl")).Length);
        Assert.Equal(config, TrainConfig.Load(Path.Combine(_temp.Path, "config.json")));
    }

    [Fact]
    public void Trainer_options_carry_the_resolved_defaults_and_the_config_file()
    {
        var config = Config("byol") with { Optimizer = "lars", WarmupEpochs = 1, EncoderLrScale = 0.1f, StopOnCollapse = true };
        var options = config.ToTrainerOptions();

        Assert.Equal((2, 1, true, "bench"), (options.Epochs, options.WarmupEpochs, options.StopOnCollapse, options.Architecture));
        Assert.Equal(new OptimizerSettings("lars", config.LearningRate(), MethodDefaults.WeightDecay("lars"), 0.1f), options.Optimizer);
        Assert.Equal(config, ParseConfig(options.FilesAtStart[RunFiles.Config]));
    }

    [Fact]
    public void A_trainer_from_code_writes_only_the_files_it_is_given()
    {
        var config = Config("simclr", epochs: 1);
        var setup = TrainingSetup.Create(config, TinyData.Create(), workers: 1);
        var options = new TrainerOptions(1, new OptimizerSettings("sgd", 0.05f, 1e-4f))
        {
            Architecture = "bench",
            FilesAtStart = new Dictionary<string, string> { ["notes.txt"] = "from code" },
        };
        var trainer = new Trainer(options, setup.Method, setup.Batches, _temp.Path);
        trainer.Run();

        Assert.Equal("from code", File.ReadAllText(Path.Combine(_temp.Path, "notes.txt")));
        Assert.False(File.Exists(Path.Combine(_temp.Path, RunFiles.Config)));
        Assert.Equal((0.05f, 1e-4f), (trainer.Optimizer.Groups[0].InitialLr, trainer.Optimizer.Groups[0].WeightDecay));
        Assert.Equal("bench", SafeTensors.Read(Path.Combine(_temp.Path, RunFiles.Model)).Metadata["arch"]);
    }

    private static TrainConfig ParseConfig(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<TrainConfig>(json, TrainConfig.Json)!;

    [Fact]
    public void Simsiam_predictor_keeps_the_base_learning_rate_while_the_rest_decays()
    {
        var config = Config("simsiam");
        var setup = TrainingSetup.Create(config, TinyData.Create(), workers: 1);
        var trainer = new Trainer(config.ToTrainerOptions(), setup.Method, setup.Batches, _temp.Path, setup.Evaluator);
        trainer.Run();

        var (main, predictor) = (trainer.Optimizer.Groups[0], trainer.Optimizer.Groups[^1]);
        Assert.Equal(setup.Method.Model.Predictor!.Parameters(), predictor.Parameters);
        Assert.Equal(config.LearningRate(), predictor.Lr);
        Assert.True(main.Lr < main.InitialLr / 2, $"the cosine schedule ends near 0, got {main.Lr} of {main.InitialLr}");
    }

    [Fact]
    public void Simclr_learns_the_tiny_task()
    {
        var config = Config("simclr", epochs: 6) with { Lr = 0.3f };
        var setup = TrainingSetup.Create(config, TinyData.Create(), workers: 1);
        var metrics = new Trainer(config.ToTrainerOptions(), setup.Method, setup.Batches, _temp.Path, setup.Evaluator).Run();
        Assert.True(metrics[^1].Loss < metrics[0].Loss, $"loss {metrics[0].Loss} -> {metrics[^1].Loss}");
        Assert.True(metrics[^1].KnnAccuracy >= 0.9, $"kNN accuracy {metrics[^1].KnnAccuracy}");
    }

    [Fact]
    public void A_checkpoint_damaged_on_disk_is_refused_on_resume_with_a_clear_error()
    {
        var config = Config("simclr", epochs: 1);
        var setup = TrainingSetup.Create(config, TinyData.Create(), workers: 1);
        new Trainer(config.ToTrainerOptions(), setup.Method, setup.Batches, _temp.Path, setup.Evaluator).Run();
        var path = Path.Combine(_temp.Path, RunFiles.Checkpoint);
        var bytes = File.ReadAllBytes(path);
        bytes[^100] ^= 0x10;
        File.WriteAllBytes(path, bytes);

        var fresh = TrainingSetup.Create(config with { Epochs = 2 }, TinyData.Create(), workers: 1);
        var trainer = new Trainer((config with { Epochs = 2 }).ToTrainerOptions(), fresh.Method, fresh.Batches, _temp.Path, fresh.Evaluator);
        var error = Assert.Throws<InvalidDataException>(() => trainer.Run(resume: true));
        Assert.Contains(path, error.Message);
        Assert.Contains("checksum mismatch", error.Message);
    }

    [Fact]
    public void Cancelling_stops_within_one_step_and_keeps_the_last_epochs_checkpoint()
    {
        var config = Config("simclr", epochs: 3);
        var setup = TrainingSetup.Create(config, TinyData.Create(), workers: 1);
        using var cancellation = new CancellationTokenSource();
        var cancelAtStep = setup.Batches.BatchesPerEpoch + 1;
        var steps = new List<long>();
        var trainer = new Trainer(config.ToTrainerOptions(), setup.Method, setup.Batches, _temp.Path, setup.Evaluator, new Recorder([], step =>
        {
            steps.Add(step.GlobalStep);
            if (step.GlobalStep == cancelAtStep) cancellation.Cancel();
        }));

        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Run(cancellation: cancellation.Token));
        Assert.Equal(cancelAtStep, steps[^1]);
        Assert.Equal(1, TrainingCheckpoint.Load(_temp.Path, setup.Method, trainer.Optimizer).EpochsDone);
        Assert.Single(File.ReadAllLines(Path.Combine(_temp.Path, "metrics.jsonl")));
    }

    [Fact]
    public void The_collapse_alarm_fires_on_a_collapsed_representation_and_can_stop_training()
    {
        var config = Config("simclr", epochs: 2) with { StopOnCollapse = true };
        var setup = TrainingSetup.Create(config, TinyData.Create(), workers: 1);
        var collapsed = new ConstantOutput(setup.Method.Model);
        var warnings = new List<string>();
        var error = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer(config.ToTrainerOptions(), collapsed, setup.Batches, _temp.Path, setup.Evaluator, new Recorder(warnings)).Run());
        Assert.Contains("collapsed", error.Message);
        Assert.NotEmpty(warnings);
        Assert.Contains("\"health\":\"collapsed\"", File.ReadAllText(Path.Combine(_temp.Path, "metrics.jsonl")));
    }

    [Fact]
    public void Resume_without_a_checkpoint_names_the_missing_file()
    {
        var config = Config("simclr");
        var setup = TrainingSetup.Create(config, TinyData.Create(), workers: 1);
        var error = Assert.Throws<InvalidDataException>(() => new Trainer(config.ToTrainerOptions(), setup.Method, setup.Batches, _temp.Path).Run(resume: true));
        Assert.Contains(RunFiles.Checkpoint, error.Message);
    }

    [Fact]
    public void Supervised_methods_reject_unlabeled_data()
    {
        var data = TinyData.Create();
        var unlabeled = new Contrastive.Data.Datasets.ImageDatasetSplit(
            new Contrastive.Data.ImageDataset(data.Train.Pixels.ToArray(), data.Train.Count, 1, 12, 12, null, null, "unlabeled"), data.Test);
        Assert.Contains("no labels", Assert.Throws<ArgumentException>(() => TrainingSetup.Create(Config("supcon"), unlabeled)).Message);
    }

    private sealed class Recorder(List<string> warnings, Action<StepReport>? onStep = null) : ITrainingObserver
    {
        public void OnStep(StepReport step) => onStep?.Invoke(step);

        public void OnEpoch(EpochMetrics metrics) { }

        public void OnWarning(string message) => warnings.Add(message);
    }

    /// <summary>A method whose projection head ends in zero weights: every embedding is the same point.</summary>
    private sealed class ConstantOutput : ContrastiveMethod
    {
        public ConstantOutput(EmbeddingModel model) : base(model)
        {
            foreach (var (name, p) in model.NamedParameters())
                if (name.StartsWith("head.3.", StringComparison.Ordinal)) p.Span.Fill(name.EndsWith("bias", StringComparison.Ordinal) ? 1f : 0f);
        }

        public override string Name => "simclr";

        public override IEnumerable<Tensor> TrainableParameters() => Model.Encoder.Parameters();

        public override Tensor ComputeLoss(TrainingBatch batch) => Ops.Mean(Model.Forward(batch.Views[0]));
    }
}
