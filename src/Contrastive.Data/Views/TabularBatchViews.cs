using Contrastive.Data.Loading;

namespace Contrastive.Data.Views;

/// <summary>The corrupted views of <see cref="Data"/>'s rows that <see cref="Generator"/> makes (SCARF).</summary>
/// <param name="Data">The training rows.</param>
/// <param name="Generator">One corruption (or the clean row) per view.</param>
public sealed record TabularBatchViews(TabularDataset Data, TabularViewGenerator Generator) : IBatchViews
{
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
