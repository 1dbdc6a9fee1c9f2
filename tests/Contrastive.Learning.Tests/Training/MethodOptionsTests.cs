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
    [InlineData("simclr", "sgd", 0.06f)]
    [InlineData("moco", "sgd", 0.06f)]
    [InlineData("byol", "lars", 1.0f)]
    [InlineData("simsiam", "lars", 1.0f)]
    [InlineData("barlow", "sgd", 0.25f / 128)]
    public void Each_method_defaults_to_its_measured_optimiser_and_learning_rate(string method, string optimizer, float lr)
    {
        var config = new TrainConfig { Method = method, Batch = 256 };
        Assert.Equal(optimizer, config.OptimizerName());
        Assert.Equal(lr, OptimizerFactory.BaseLearningRate(config), 6);
        Assert.Equal(lr / 2, OptimizerFactory.BaseLearningRate(config with { Batch = 128 }), 6);
    }
}
