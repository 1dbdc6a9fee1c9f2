using Contrastive.Runs;

namespace Contrastive.Learning.Tests.Training;

public class MethodOptionsTests
{
    [Fact]
    public void Every_method_specific_option_is_a_config_name_and_methods_are_known()
    {
        var names = typeof(TrainConfig).GetProperties().Select(p => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(p.Name)).ToHashSet();
        foreach (var (option, methods) in MethodSpecs.MethodSpecificOptions)
        {
            Assert.Contains(option, names);
            Assert.All(methods, m => Assert.Contains(m, MethodSpecs.Names));
        }
    }

    [Fact]
    public void Grad_cache_applies_to_simclr_moco_and_the_text_methods()
    {
        new TrainConfig { Method = "pairs", Data = "wordnet", GradCacheChunk = 16 }.Validate();
        new TrainConfig { Method = "moco", GradCacheChunk = 16 }.Validate();
        Assert.Contains("--grad-cache-chunk applies to simclr, moco and the text methods (simcse, pairs, triplet), not byol",
            Assert.Throws<ArgumentException>(new TrainConfig { Method = "byol", GradCacheChunk = 16 }.Validate).Message);
    }

    [Fact]
    public void Report_rows_leave_out_options_the_method_ignores()
    {
        var simclr = RunEvaluation.Rows(new TrainConfig { Method = "simclr", Temperature = 0.5f }).Select(r => r.Key).ToList();
        Assert.Contains("temperature", simclr);
        Assert.Contains("epochs", simclr);
        Assert.DoesNotContain("miner", simclr);
        Assert.DoesNotContain("queue-size", simclr);
        Assert.Contains("miner", RunEvaluation.Rows(new TrainConfig { Method = "triplet" }).Select(r => r.Key));
    }

    [Theory]
    [InlineData("simclr", "sgd")]
    [InlineData("moco", "sgd")]
    [InlineData("byol", "lars")]
    [InlineData("simsiam", "lars")]
    [InlineData("barlow", "sgd")]
    [InlineData("clip", "adamw")]
    public void Each_method_defaults_to_its_measured_optimiser(string method, string optimizer) =>
        Assert.Equal(optimizer, new TrainConfig { Method = method }.OptimizerName());

    [Fact]
    public void Batch_hard_triplet_defaults_to_P_by_K_batches_of_40_and_an_explicit_batch_wins()
    {
        Assert.Equal(40, new TrainConfig { Method = "triplet", Miner = "batch-hard" }.BatchSize());
        Assert.Equal(256, new TrainConfig { Method = "triplet" }.BatchSize());
        Assert.Equal(256, new TrainConfig { Method = "simclr", Miner = "batch-hard" }.BatchSize());
        Assert.Equal(64, new TrainConfig { Method = "triplet", Miner = "batch-hard", Batch = 64 }.BatchSize());
        var resolved = new TrainConfig { Method = "triplet", Miner = "batch-hard" }.WithResolvedDefaults();
        Assert.Equal(40, resolved.Batch);
        Assert.Equal(0.0237171f, resolved.Lr!.Value, 6);
    }

    [Theory]
    [InlineData(60_000, 256)] // full Fashion-MNIST: the bench spec
    [InlineData(8_000, 64)]   // the demo: 125 steps per epoch
    [InlineData(1_437, 32)]   // a small folder: never below 32
    public void The_default_batch_keeps_125_steps_per_epoch_on_small_data(int trainCount, int expected) =>
        Assert.Equal(expected, MethodDefaults.Batch("simclr", "semi-hard", trainCount));

    [Fact]
    public void Data_defaults_size_the_batch_and_k_and_leave_explicit_values_alone()
    {
        var labels = Enumerable.Range(0, 8_000).Select(i => i % 10).ToArray();
        var resolved = new TrainConfig().WithDataDefaults(labels.Length, labels).WithResolvedDefaults();
        Assert.Equal(64, resolved.Batch);
        Assert.Equal(32, resolved.KnnK);
        Assert.Equal(0.06f * 64 / 256, resolved.Lr!.Value, 6);

        var explicitValues = new TrainConfig { Batch = 128, KnnK = 7 }.WithDataDefaults(labels.Length, labels);
        Assert.Equal((128, 7), (explicitValues.Batch!.Value, explicitValues.KnnK!.Value));
        Assert.Equal(200, new TrainConfig().WithDataDefaults(100, null).KnnK);
    }

    [Theory]
    [InlineData("simclr", 9, null, "between 2 and 8")]
    [InlineData("byol", 4, null, "applies to simclr")]
    [InlineData("simclr", 4, 32, "two views")]
    public void Views_are_checked(string method, int views, int? chunk, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => new TrainConfig { Method = method, Views = views, GradCacheChunk = chunk }.Validate()).Message);
}
