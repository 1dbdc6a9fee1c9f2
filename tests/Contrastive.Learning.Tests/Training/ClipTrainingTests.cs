using Contrastive.Methods;
using Contrastive.Runs;
using Contrastive.Tensors;
using Contrastive.Testing;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Training;

/// <summary>CLIP through the trainer: synthetic captions of labeled images, zero-shot figures, no decay on the logit scale.</summary>
public sealed class ClipTrainingTests : IDisposable
{
    private readonly TempDirectory _temp = new("contrastive-clip-trainer");

    public void Dispose() => _temp.Dispose();

    /// <summary>A fast CLIP config for <see cref="TinyData"/>: short captions, a one-layer text tower of width 16.</summary>
    internal static TrainConfig Config(int epochs = 2) => new()
    {
        Method = "clip",
        Epochs = epochs,
        Batch = 32,
        KnnK = 10,
        Seed = 3,
        MaxTextLength = 10,
        TextWidth = 16,
        TextLayers = 1,
    };

    [Fact]
    public void Clip_trains_on_synthetic_captions_and_reports_zero_shot_each_epoch()
    {
        var config = Config();
        var setup = TrainingSetup.Create(config, TinyData.Create(), workers: 1);
        var clip = Assert.IsType<Clip>(setup.Method);
        Assert.NotNull(setup.Tokenizer);
        Assert.Equal(setup.Tokenizer.VocabularySize, clip.Towers.TextEncoder.Options.VocabularySize);
        Assert.Equal(10, clip.Towers.TextEncoder.Options.MaxLength);

        var metrics = new Trainer(config.ToTrainerOptions(), setup.Method, setup.Batches, _temp.Path, setup.Evaluator).Run();
        Assert.Equal(2, metrics.Count);
        Assert.All(metrics, m => Assert.True(double.IsFinite(m.Loss)));
        Assert.All(metrics, m => Assert.InRange(m.ZeroShotAccuracy!.Value, 0, 1));
        Assert.All(metrics, m => Assert.NotNull(m.KnnAccuracy));
        Assert.Contains("\"zero_shot_accuracy\":", File.ReadAllText(Path.Combine(_temp.Path, "metrics.jsonl")));
    }

    [Theory]
    [InlineData("adamw")]
    [InlineData("sgd")]
    public void The_logit_scale_is_not_weight_decayed(string optimizer)
    {
        var config = Config() with { Optimizer = optimizer, WeightDecay = 0.5f, Lr = 0.1f };
        var clip = Assert.IsType<Clip>(TrainingSetup.Create(config, TinyData.Create(), workers: 1).Method);
        var trainer = new Trainer(config.ToTrainerOptions(), clip, new NoBatches(), _temp.Path);
        var groups = trainer.Optimizer.Groups;
        Assert.Equal(2, groups.Count);
        Assert.Same(clip.Towers.LogitScale, Assert.Single(groups[1].Parameters));
        Assert.Equal(0f, groups[1].WeightDecay);
        Assert.Equal(0.5f, groups[0].WeightDecay);
        Assert.Equal(clip.TrainableParameters().Count() - 1, groups[0].Parameters.Count);

        // With zero gradients only decay moves a parameter (decoupled for AdamW, L2 for SGD; both w * (1 - lr * wd) on the
        // first step): the projection shrinks, the logit scale stays.
        var scale = clip.Towers.LogitScale.Item();
        var projection = clip.Towers.TextProjection.Weight.ToArray();
        foreach (var p in clip.TrainableParameters()) p.Grad = Tensor.Zeros([.. p.Shape]);
        trainer.Optimizer.Step();
        Assert.Equal(scale, clip.Towers.LogitScale.Item());
        Assert.Equal(projection[0] * (1 - 0.1f * 0.5f), clip.Towers.TextProjection.Weight.ToArray()[0], 5);
    }

    [Fact]
    public void Other_methods_keep_one_decayed_group()
    {
        var config = new TrainConfig { Method = "simclr", Batch = 32, HiddenDim = 32 };
        var setup = TrainingSetup.Create(config, TinyData.Create(), workers: 1);
        Assert.Single(new Trainer(config.ToTrainerOptions(), setup.Method, setup.Batches, _temp.Path).Optimizer.Groups);
        Assert.Null(setup.Tokenizer);
    }
}
