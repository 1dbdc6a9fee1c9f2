using Contrastive.Compression;
using Contrastive.IO;
using Contrastive.Tensors;

namespace Contrastive.Learning.Tests.Compression;

/// <summary>Layer-wise magnitude pruning.</summary>
public sealed class MagnitudePruningTests
{
    [Fact]
    public void The_smallest_magnitudes_become_zero_and_the_rest_are_kept()
    {
        var weight = Tensor.FromArray([0.5f, -0.1f, 2f, -3f, 0.2f, -0.05f, 1f, 0.3f], 2, 4);
        var pruned = MagnitudePruning.Prune(weight, 0.5);
        Assert.Equal([0.5f, 0, 2f, -3f, 0, 0, 1f, 0], pruned.ToArray());
        Assert.Equal(weight.Shape.ToArray(), pruned.Shape.ToArray());
        Assert.Equal(0.5f, weight.Span[0]); // the input is not modified
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.3, 30)]
    [InlineData(0.999, 99)]
    public void Floor_of_the_fraction_is_pruned(double fraction, int zeros)
    {
        var weight = Tensor.Uniform(new Rng(4), -1, 1, 10, 10);
        var pruned = MagnitudePruning.Prune(weight, fraction).ToArray();
        Assert.Equal(zeros, pruned.Count(v => v == 0));
        var original = weight.ToArray();
        var smallestKept = pruned.Where(v => v != 0).Min(Math.Abs);
        for (var i = 0; i < original.Length; i++)
        {
            if (pruned[i] == 0) Assert.True(Math.Abs(original[i]) <= smallestKept, $"entry {i} ({original[i]}) pruned while {smallestKept} was kept");
            else Assert.Equal(original[i], pruned[i]);
        }
    }

    [Fact]
    public void Each_weight_is_pruned_by_the_same_share_and_other_entries_are_untouched()
    {
        (string, Tensor, SafeTensorsDtype)[] entries =
        [
            ("small.weight", Tensor.Uniform(new Rng(1), -0.01f, 0.01f, 4, 5), SafeTensorsDtype.F32),
            ("small.bias", Tensor.Uniform(new Rng(2), -0.01f, 0.01f, 4), SafeTensorsDtype.F32),
            ("large.weight", Tensor.Uniform(new Rng(3), -10f, 10f, 8, 5), SafeTensorsDtype.F32),
        ];
        var pruned = MagnitudePruning.PruneEntries(entries, 0.25);
        Assert.Equal(5, pruned[0].Tensor.Span.Count(0f));
        Assert.Equal(entries[1].Item2.ToArray(), pruned[1].Tensor.ToArray());
        Assert.Equal(10, pruned[2].Tensor.Span.Count(0f));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Fractions_outside_zero_to_one_are_refused(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MagnitudePruning.Prune(Tensor.Ones(2, 2), fraction));
}
