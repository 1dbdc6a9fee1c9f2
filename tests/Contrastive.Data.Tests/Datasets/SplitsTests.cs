using Contrastive.Data.Datasets;

namespace Contrastive.Data.Tests.Datasets;

public sealed class SplitsTests
{
    private static readonly int[] Labels = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 2, 2];

    [Fact]
    public void WithoutSeed_HoldsOutTheLastItemsOfEachClass()
    {
        var (train, test) = Splits.Stratified(Labels.Length, Labels, 0.2, seed: null);
        Assert.Equal([8, 9], test); // class 2 has two items: round(2 * 0.2) = 0 held out
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 10, 11], train);
    }

    [Fact]
    public void WithSeed_IsDeterministicStratifiedAndDisjoint()
    {
        var a = Splits.Stratified(Labels.Length, Labels, 0.4, seed: 7);
        var b = Splits.Stratified(Labels.Length, Labels, 0.4, seed: 7);
        Assert.Equal(a.Test, b.Test);
        Assert.Equal(2, a.Test.Count(i => Labels[i] == 0));
        Assert.Equal(2, a.Test.Count(i => Labels[i] == 1));
        Assert.Equal(1, a.Test.Count(i => Labels[i] == 2));
        Assert.Equal(Enumerable.Range(0, Labels.Length), a.Train.Concat(a.Test).Order());
    }

    [Fact]
    public void Unlabeled_SplitsAllItems()
    {
        var (train, test) = Splits.Stratified(10, null, 0.3, seed: null);
        Assert.Equal([7, 8, 9], test);
        Assert.Equal(7, train.Length);
    }

    [Fact]
    public void InvalidFraction_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Splits.Stratified(10, null, 1.0, seed: null));
}
