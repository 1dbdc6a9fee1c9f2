using Contrastive.Data.Loading;

namespace Contrastive.Data.Views;

/// <summary>The corrupted views of <see cref="Data"/>'s rows that <see cref="Generator"/> makes (SCARF).</summary>
public sealed class TabularBatchViews : IBatchViews
{
    /// <summary>Binds <paramref name="generator"/> to <paramref name="data"/>.</summary>
    public TabularBatchViews(TabularDataset data, TabularViewGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(generator);
        (Data, Generator) = (data, generator);
    }

    /// <summary>The training rows.</summary>
    public TabularDataset Data { get; }

    /// <summary>One corruption (or the clean row) per view.</summary>
    public TabularViewGenerator Generator { get; }

    /// <inheritdoc />
    public string Source => Data.Source;

    /// <inheritdoc />
    public int Count => Data.Count;

    /// <inheritdoc />
    public int ViewsPerSample => Generator.ViewCount;

    /// <inheritdoc />
    public ViewBatch Make(BatchJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Generator.Generate(Data, job.Indices, job.Epoch, job.BatchIndex);
    }
}
