using Contrastive.Compression;
using Contrastive.Data;
using Contrastive.IO;
using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Runs;
using Contrastive.Tensors;
using Contrastive.Testing;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Training;

/// <summary>NaN and infinity injected into the data, the loss, the state during training and the weights of a saved run
/// or checkpoint: each is a clear stop, and no checkpoint or model ever holds one.</summary>
public sealed class NonFiniteTests : IDisposable
{
    private readonly TempDirectory _temp = new("contrastive-nonfinite");

    public void Dispose() => _temp.Dispose();

    public static TheoryData<float> Poisons => [float.NaN, float.PositiveInfinity, float.NegativeInfinity];

    [Theory]
    [MemberData(nameof(Poisons))]
    public void Images_with_a_non_finite_pixel_are_refused(float poison)
    {
        var pixels = new float[2 * 4];
        pixels[5] = poison;
        var error = Assert.Throws<ArgumentException>(() => new ImageDataset(pixels, 2, 1, 2, 2, null, null, "poisoned.idx"));
        Assert.Contains("poisoned.idx", error.Message);
        Assert.Contains($"{poison.ToString(System.Globalization.CultureInfo.InvariantCulture)} at element 5", error.Message);
    }

    [Theory]
    [MemberData(nameof(Poisons))]
    public void A_non_finite_loss_stops_training_and_keeps_the_last_good_checkpoint(float poison)
    {
        var (config, setup) = Simclr();
        var poisoned = new Poisoned(setup.Method.Model, afterSteps: setup.Batches.BatchesPerEpoch + 1, lossFactor: poison);
        var trainer = new Trainer(config.ToTrainerOptions(), poisoned, setup.Batches, _temp.Path, setup.Evaluator);
        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Run());
        Assert.Contains($"loss is {(double)poison}", error.Message);
        Assert.Contains("epoch 2", error.Message);
        AssertLastGoodCheckpointIsEpoch1(config, poisoned, trainer);
    }

    [Fact]
    public void Non_finite_method_state_stops_training_before_it_reaches_a_checkpoint()
    {
        var (config, setup) = Simclr();
        var poisoned = new Poisoned(setup.Method.Model, afterSteps: setup.Batches.BatchesPerEpoch + 1, lossFactor: 1f);
        var trainer = new Trainer(config.ToTrainerOptions(), poisoned, setup.Batches, _temp.Path, setup.Evaluator);
        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Run());
        Assert.Contains("method state 'tracker' holds Infinity at element 1 after epoch 2", error.Message);
        AssertLastGoodCheckpointIsEpoch1(config, poisoned, trainer);
    }

    [Fact]
    public void A_saved_model_or_checkpoint_with_a_non_finite_weight_is_refused_on_load()
    {
        var (config, setup) = Simclr(epochs: 1);
        new Trainer(config.ToTrainerOptions(), setup.Method, setup.Batches, _temp.Path, setup.Evaluator).Run();
        var modelPath = Path.Combine(_temp.Path, "model.safetensors");
        Poison(modelPath, "encoder.net.0.0.weight");
        var error = Assert.Throws<InvalidDataException>(() => RunModel.Load(_temp.Path, InputGeometry.Image(1, 12, 12)));
        Assert.Contains($"{modelPath}: weight 'encoder.net.0.0.weight' holds NaN at element 7", error.Message);

        var model = MethodFactory.CreateModel(config, InputGeometry.Image(1, 12, 12), 0, 1, withPredictor: false);
        var before = model.StateEntries().Select(e => e.Tensor.ToArray()).ToList();
        Assert.Contains("state 'encoder.net.0.0.weight' holds NaN at element 7", Assert.Throws<InvalidDataException>(() => ModuleCheckpoint.Load(model, modelPath)).Message);
        Assert.Equal(before, model.StateEntries().Select(e => e.Tensor.ToArray())); // nothing half-loaded

        var checkpointPath = Path.Combine(_temp.Path, RunFiles.Checkpoint);
        Poison(checkpointPath, "optim.0.momentum_buffer");
        var fresh = TrainingSetup.Create(config with { Epochs = 2 }, TinyData.Create(), workers: 1);
        var trainer = new Trainer((config with { Epochs = 2 }).ToTrainerOptions(), fresh.Method, fresh.Batches, _temp.Path, fresh.Evaluator);
        Assert.Contains("optimizer state '0.momentum_buffer' holds NaN at element 7", Assert.Throws<InvalidDataException>(() => trainer.Run(resume: true)).Message);
    }

    private static (TrainConfig Config, TrainingSetup Setup) Simclr(int epochs = 3)
    {
        var config = TinyData.Config("simclr", epochs);
        return (config, TrainingSetup.Create(config, TinyData.Create(), workers: 1));
    }

    /// <summary>Rewrites a safetensors file (with a valid checksum) with NaN as element 7 of <paramref name="name"/>.</summary>
    private static void Poison(string path, string name)
    {
        var content = SafeTensors.Read(path);
        Assert.Contains(name, content.Entries.Select(e => e.Name));
        content.Tensors[name].Span[7] = float.NaN;
        SafeTensors.Write(path, content.Entries, content.Metadata);
    }

    private void AssertLastGoodCheckpointIsEpoch1(TrainConfig config, ContrastiveMethod method, Trainer trainer)
    {
        Assert.Equal(1, TrainingCheckpoint.Load(_temp.Path, method, trainer.Optimizer).EpochsDone);
        Assert.All(method.Model.Parameters().SelectMany(p => p.ToArray()), v => Assert.True(float.IsFinite(v)));
        Assert.All(method.ExtraState().SelectMany(e => e.Tensor.ToArray()), v => Assert.True(float.IsFinite(v)));
        Assert.All(ModelWeights.Read(Path.Combine(_temp.Path, "model.safetensors")).Values.SelectMany(t => t.ToArray()), v => Assert.True(float.IsFinite(v)));
        Assert.Single(File.ReadAllLines(Path.Combine(_temp.Path, "metrics.jsonl")));
        Assert.Equal(config.Method, method.Name);
    }

    /// <summary>SimCLR with a state tensor of its own; after <paramref name="afterSteps"/> steps its loss is multiplied by
    /// <paramref name="lossFactor"/> and its state holds infinity.</summary>
    private sealed class Poisoned(EmbeddingModel model, int afterSteps, float lossFactor) : ContrastiveMethod(model)
    {
        private readonly SimClr _inner = new(model);
        private readonly Tensor _tracker = Tensor.Zeros(2);
        private int _steps;

        public override string Name => "simclr";

        public override Tensor ComputeLoss(TrainingBatch batch) =>
            ++_steps > afterSteps ? Ops.Scale(_inner.ComputeLoss(batch), lossFactor) : _inner.ComputeLoss(batch);

        public override void AfterStep(TrainingProgress progress)
        {
            if (_steps > afterSteps) _tracker.Span[1] = float.PositiveInfinity;
        }

        public override IEnumerable<(string Name, Tensor Tensor)> ExtraState() => [("tracker", _tracker)];
    }
}
