using Contrastive.Testing;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Training;

public sealed class EpochMetricsTests : IDisposable
{
    private readonly TempDirectory _temp = new("contrastive-metrics");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Truncating_for_a_resume_drops_later_epochs_and_a_line_cut_short_by_a_kill()
    {
        var path = _temp.File("metrics.jsonl");
        var lines = Enumerable.Range(1, 3).Select(e => new EpochMetrics { Epoch = e, Loss = 1.0 / e, HealthMessage = "ok" }.ToJson()).ToList();
        File.WriteAllText(path, string.Join("\n", lines) + "\n" + lines[0][..10]);

        EpochMetrics.Truncate(path, lastEpoch: 2);

        var kept = EpochMetrics.ReadAll(path);
        Assert.Equal([1, 2], kept.Select(m => m.Epoch));
        Assert.Equal(0.5, kept[1].Loss);
    }

    [Fact]
    public void A_malformed_line_before_the_last_is_an_error_not_silently_dropped()
    {
        var path = _temp.File("metrics.jsonl");
        File.WriteAllLines(path, ["{\"epoch\":1", new EpochMetrics { Epoch = 2 }.ToJson()]);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => EpochMetrics.Truncate(path, lastEpoch: 2));
    }
}
