using Contrastive.Training;

namespace Contrastive.Learning.Tests.Training;

public class MethodOptionsTests
{
    [Fact]
    public void Every_method_specific_option_is_a_config_name_and_methods_are_known()
    {
        var names = typeof(TrainConfig).GetProperties().Select(p => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(p.Name)).ToHashSet();
        foreach (var (option, methods) in MethodDefaults.MethodSpecificOptions)
        {
            Assert.Contains(option, names);
            Assert.All(methods, m => Assert.Contains(m, MethodDefaults.Methods));
        }
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
}
