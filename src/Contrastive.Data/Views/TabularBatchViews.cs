using Contrastive.Data.Loading;

namespace Contrastive.Data.Views;

/// <summary>The corrupted views of the training rows that a <see cref="TabularViewGenerator"/> makes (SCARF).</summary>
/// <param name="data">The training rows.</param>
/// <param name="generator">One corruption (or the clean row) per view.</param>
public sealed class TabularBatchViews(TabularDataset data, TabularViewGenerator generator) : BatchViews<TabularDataset, TabularViewGenerator>(data, generator)
{
    /// <inheritdoc />
    public override string Source => Data.Source;

    /// <inheritdoc />
    public override int Count => Data.Count;

    /// <inheritdoc />
    public override int ViewsPerSample => Generator.ViewCount;

    /// <inheritdoc />
    protected override ViewBatch MakeViews(BatchJob job) => Generator.Generate(Data, job.Indices, job.Epoch, job.BatchIndex);
}
