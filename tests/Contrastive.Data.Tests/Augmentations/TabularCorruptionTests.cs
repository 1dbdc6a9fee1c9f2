using Contrastive.Data.Augmentations;
using Contrastive.Tensors;

namespace Contrastive.Data.Tests.Augmentations;

public class TabularCorruptionTests
{
    private static TabularDataset Table(int rows, int cols)
    {
        var values = new float[rows * cols];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++) values[r * cols + c] = 1000 * c + r; // column c holds {1000c + r}
        return new TabularDataset(values, rows, cols, null, Enumerable.Range(0, cols).Select(c => $"f{c}").ToArray(), "table");
    }

    [Fact]
    public void Scarf_replaces_exactly_rate_times_d_features_with_values_of_the_same_column()
    {
        var data = Table(50, 10);
        var scarf = new ScarfCorruption(data, 0.6f);
        Assert.Equal(6, scarf.ReplacedCount);
        var rng = new Rng(3);
        var dst = new float[10];
        for (var r = 0; r < 50; r++)
        {
            var row = data.Row(r);
            scarf.Apply(row, dst, rng);
            var changed = 0;
            for (var c = 0; c < 10; c++)
            {
                // Each value must be one the column holds: 1000 c + (some row).
                Assert.InRange(dst[c] - 1000 * c, 0, 49);
                Assert.Equal(0, (dst[c] - 1000 * c) % 1);
                if (dst[c] != row[c]) changed++;
            }
            Assert.InRange(changed, 0, 6);
        }
    }

    [Fact]
    public void Scarf_rate_0_is_identity_and_rate_1_resamples_every_column()
    {
        var data = Table(200, 5);
        var dst = new float[5];
        new ScarfCorruption(data, 0f).Apply(data.Row(7), dst, new Rng(1));
        Assert.Equal(data.Row(7).ToArray(), dst);
        var rng = new Rng(2);
        var changed = 0;
        for (var i = 0; i < 100; i++)
        {
            new ScarfCorruption(data, 1f).Apply(data.Row(7), dst, rng);
            for (var c = 0; c < 5; c++) if (dst[c] != data.Row(7)[c]) changed++;
        }
        Assert.InRange(changed, 480, 500); // a resampled value equals the original with probability 1/200
    }

    [Fact]
    public void Scarf_rejects_a_rate_outside_0_to_1()
    {
        Assert.Contains("rate", Assert.Throws<ArgumentException>(() => new ScarfCorruption(Table(2, 2), 1.5f)).Message);
    }
}
