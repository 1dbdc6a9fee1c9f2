using Contrastive.Compression;
using Contrastive.Models;
using Contrastive.Runs;
using Contrastive.Tensors;
using Contrastive.Testing;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Training;

/// <summary>--init, --freeze-encoder and --train-blocks: what is frozen stays bit-identical, the rest learns, and a
/// frozen run resumes exactly.</summary>
public sealed class TransferTests : IDisposable
{
    private readonly TempDirectory _temp = new("contrastive-transfer");

    public void Dispose() => _temp.Dispose();

    private static TrainConfig Config(string method, int epochs = 2) => TinyData.Config(method, epochs);

    private Dictionary<string, Tensor> Train(TrainConfig config, string name)
    {
        var directory = TinyData.TrainRun(config, Path.Combine(_temp.Path, name));
        return ModelWeights.Read(Path.Combine(directory, "model.safetensors"));
    }

    private string PretrainedRun() => TinyData.TrainRun(Config("simclr", epochs: 1) with { Seed = 11 }, Path.Combine(_temp.Path, "pretrained"));

    private static IEnumerable<string> EncoderKeys(Dictionary<string, Tensor> state) => state.Keys.Where(k => k.StartsWith("encoder.", StringComparison.Ordinal));

    [Theory]
    [InlineData("simclr")]
    [InlineData("byol")]
    [InlineData("classifier")]
    public void A_frozen_encoder_from_init_stays_bit_identical_while_the_head_learns(string method)
    {
        var source = PretrainedRun();
        var config = Config(method) with { Init = source, FreezeEncoder = true };
        var headBefore = TrainingSetup.Create(config, TinyData.Create(), workers: 1).Method.Model.Head!.StateEntries().ToDictionary(e => "head." + e.Name, e => e.Tensor.ToArray());

        var trained = Train(config, "frozen");

        var initial = ModelWeights.Read(Path.Combine(source, "model.safetensors"));
        Assert.NotEmpty(EncoderKeys(trained));
        foreach (var key in EncoderKeys(trained)) Assert.True(initial[key].Span.SequenceEqual(trained[key].Span), $"{method}: frozen {key} changed");
        Assert.Contains(headBefore, h => !h.Value.AsSpan().SequenceEqual(trained[h.Key].Span));
    }

    [Fact]
    public void An_adapter_trains_on_a_frozen_encoder_from_init_and_gives_the_representation()
    {
        var source = PretrainedRun();
        var config = Config("supcon") with { Init = source, FreezeEncoder = true, Adapter = 12 };
        var setup = TrainingSetup.Create(config, TinyData.Create(), workers: 1);
        var adapterBefore = setup.Method.Model.StateEntries().Where(e => e.Name.StartsWith("encoder.adapter.", StringComparison.Ordinal)).ToDictionary(e => e.Name, e => e.Tensor.ToArray());

        var trained = Train(config, "adapted");

        var initial = ModelWeights.Read(Path.Combine(source, "model.safetensors"));
        Assert.Equal(12, ((IEncoder)setup.Method.Model.Encoder).OutputDim);
        Assert.Equal(["encoder.adapter.0.weight", "encoder.adapter.1.bias", "encoder.adapter.1.num_batches_tracked", "encoder.adapter.1.running_mean",
            "encoder.adapter.1.running_var", "encoder.adapter.1.weight"], adapterBefore.Keys.Order(StringComparer.Ordinal));
        Assert.False(adapterBefore["encoder.adapter.0.weight"].AsSpan().SequenceEqual(trained["encoder.adapter.0.weight"].Span), "the adapter should train");
        foreach (var key in EncoderKeys(trained).Where(k => !adapterBefore.ContainsKey(k)))
            Assert.True(initial[key].Span.SequenceEqual(trained[key].Span), $"frozen {key} changed");
    }

    [Fact]
    public void Init_without_freezing_fine_tunes_the_encoder()
    {
        var source = PretrainedRun();

        var trained = Train(Config("simclr") with { Init = source }, "tuned");

        var initial = ModelWeights.Read(Path.Combine(source, "model.safetensors"));
        Assert.Contains(EncoderKeys(trained), key => key.EndsWith("weight", StringComparison.Ordinal) && !initial[key].Span.SequenceEqual(trained[key].Span));
    }

    [Fact]
    public void Train_blocks_trains_only_the_last_blocks_of_a_resnet()
    {
        var config = Config("simclr", epochs: 1) with { Arch = "resnet18", TrainBlocks = 1 };
        var initial = TrainingSetup.Create(config, TinyData.Create(), workers: 1).Method.Model.StateEntries().ToDictionary(e => e.Name, e => e.Tensor.ToArray());

        var trained = Train(config, "partial");

        foreach (var key in EncoderKeys(trained))
        {
            var changed = !initial[key].AsSpan().SequenceEqual(trained[key].Span);
            if (key.StartsWith("encoder.layer4.1.", StringComparison.Ordinal))
            {
                if (key.EndsWith("conv1.weight", StringComparison.Ordinal)) Assert.True(changed, $"{key} should train");
            }
            else Assert.False(changed, $"{key} should stay frozen");
        }
    }

    [Fact]
    public void Frozen_blocks_stay_bit_identical_when_the_images_are_clustered_again_during_the_run()
    {
        // re-clustering embeds the images between epochs: the frozen blocks' batch norms must stay in eval mode after it
        var source = TinyData.TrainRun(Config("simclr", epochs: 1) with { Arch = "resnet18", Seed = 11 }, Path.Combine(_temp.Path, "resnet"));
        var config = Config("supcon", epochs: 2) with { Arch = "resnet18", Init = source, TrainBlocks = 1, PseudoLabels = 4, ReclusterEvery = 1 };

        var trained = Train(config, "reclustered");

        var initial = ModelWeights.Read(Path.Combine(source, "model.safetensors"));
        foreach (var key in EncoderKeys(trained).Where(k => !k.StartsWith("encoder.layer4.1.", StringComparison.Ordinal)))
            Assert.True(initial[key].Span.SequenceEqual(trained[key].Span), $"frozen {key} changed");
    }

    [Fact]
    public void A_resumed_run_with_a_frozen_encoder_ends_exactly_like_an_uninterrupted_one()
    {
        var source = PretrainedRun();
        var config = Config("simclr") with { Init = source, FreezeEncoder = true };
        var data = TinyData.Create();

        var (full, continued, straightModel, resumedModel) = ResumeHarness.Run(config, Path.Combine(_temp.Path, "resume"), workers => TrainingSetup.Create(config, data, workers));

        Assert.Equal(full.Select(m => m.Loss), continued.Select(m => m.Loss));
        Assert.Equal(straightModel, resumedModel);
    }

    [Fact]
    public void Encoder_lr_scale_gives_the_encoder_its_own_slower_group()
    {
        var config = Config("simclr") with { EncoderLrScale = 0.1f };
        var setup = TrainingSetup.Create(config, TinyData.Create(), workers: 1);

        var trainer = new Trainer(config.ToTrainerOptions(), setup.Method, setup.Batches, _temp.Path, setup.Evaluator);

        var (heads, encoder) = (trainer.Optimizer.Groups[0], trainer.Optimizer.Groups[1]);
        Assert.Equal(setup.Method.Model.Encoder.Parameters(), encoder.Parameters);
        Assert.Equal(0.1f * heads.InitialLr, encoder.InitialLr, 6);
        Assert.DoesNotContain(heads.Parameters, p => encoder.Parameters.Contains(p));
    }

    [Fact]
    public void Train_blocks_on_an_encoder_without_blocks_and_conflicting_options_are_clear_errors()
    {
        var noBlocks = Assert.Throws<ArgumentException>(() => TrainingSetup.Create(Config("simclr") with { TrainBlocks = 1 }, TinyData.Create(), workers: 1));
        Assert.Contains("--train-blocks needs an encoder made of blocks", noBlocks.Message);
        var both = Assert.Throws<ArgumentException>(() => (Config("simclr") with { FreezeEncoder = true, TrainBlocks = 1 }).Validate());
        Assert.Contains("give one", both.Message);
        var tooMany = Assert.Throws<ArgumentException>(() => TrainingSetup.Create(Config("simclr", epochs: 1) with { Arch = "resnet18", TrainBlocks = 9 }, TinyData.Create(), workers: 1));
        Assert.Contains("has 8 blocks", tooMany.Message);
    }

    [Fact]
    public void Init_from_a_folder_that_is_no_run_names_the_option_and_the_missing_file()
    {
        var notARun = Config("simclr") with { Init = _temp.Path };
        var error = Assert.Throws<FileNotFoundException>(() => TrainingSetup.Create(notARun, TinyData.Create(), workers: 1));
        Assert.Equal($"--init {_temp.Path}: no config.json (is it a run directory written by 'contrastive train'?)", error.Message);
    }
}
