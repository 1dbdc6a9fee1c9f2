namespace Contrastive.Cli.Tests;

/// <summary><c>contrastive bench</c>: each quick mode prints its one line of figures; bad input is a usage error.</summary>
public class BenchCommandTests
{
    [Theory]
    [InlineData("step", "views/s")]
    [InlineData("aug", "views/s")]
    [InlineData("embed", "images/s")]
    public async Task A_small_bench_prints_throughput_and_memory(string mode, string unit)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["bench", mode, "--data", "demo", "--batch", "8", "--steps", "1", "--threads", "1"], output, error);
        Assert.True(code == 0, error.ToString());
        var line = output.ToString();
        Assert.StartsWith(mode + ":", line);
        Assert.Contains(unit, line);
        Assert.Contains("peak_rss=", line);
        Assert.Contains("threads=1", line);
    }

    [Fact]
    public async Task An_unknown_mode_is_a_usage_error()
    {
        var error = new StringWriter();
        Assert.Equal(2, await CliApp.RunAsync(["bench", "fastest"], new StringWriter(), error));
        Assert.Contains("fastest", error.ToString());
    }

    [Fact]
    public async Task A_zero_batch_is_rejected_with_the_values()
    {
        var error = new StringWriter();
        Assert.Equal(1, await CliApp.RunAsync(["bench", "step", "--batch", "0"], new StringWriter(), error));
        Assert.Contains("--batch", error.ToString());
    }

    [Fact]
    public void The_gemm_probe_reports_a_positive_rate_and_rejects_empty_shapes()
    {
        Assert.True(Bench.GemmThroughput.Measure(new Gemm.ManagedGemm(), 64, 48, 32, true, false, 2) > 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => Bench.GemmThroughput.Measure(new Gemm.ManagedGemm(), 0, 48, 32, false, false, 2));
    }
}
