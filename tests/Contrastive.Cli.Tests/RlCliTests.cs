using System.Text.Json;

namespace Contrastive.Cli.Tests;

/// <summary>contrastive rl on tiny data: it trains, prints the R^2 table for the three kinds of features and writes
/// rl-eval.json; bad options are one-line errors.</summary>
public sealed class RlCliTests() : CliTestBase("cli-rl")
{
    [Fact]
    public async Task Rl_prints_and_writes_r2_for_pixels_a_random_encoder_and_the_trained_one()
    {
        var result = await Run("rl", "--method", "atc", "--steps", "2", "--batch", "8", "--episodes", "2", "--episode-length", "10", "--shift", "2", "--out", Dir);
        Assert.True(result.Code == 0, result.Err);
        Assert.Contains("step 2/2: loss", result.Out);
        foreach (var row in new[] { "raw pixels", "random encoder", "atc encoder" }) Assert.Contains(row, result.Out);
        using var eval = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "rl-eval.json")));
        var rows = eval.RootElement.GetProperty("rows");
        Assert.Equal(3, rows.GetArrayLength());
        Assert.All(rows.EnumerateArray(), r => Assert.Equal(5, r.GetProperty("r2").GetArrayLength()));
        Assert.Equal(2, JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "loss.json"))).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Bad_options_are_one_line_errors()
    {
        AssertOneLineError(await Run("rl", "--method", "simclr"), "unknown state-learning method 'simclr'");
        AssertOneLineError(await Run("rl", "--episodes", "0"), "--episodes and --episode-length must be positive");
    }
}
