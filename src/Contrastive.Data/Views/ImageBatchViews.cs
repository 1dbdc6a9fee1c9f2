using Contrastive.Data.Loading;

namespace Contrastive.Data.Views;

/// <summary>The augmented views of <see cref="Data"/>'s images that <see cref="Generator"/> makes, at the job's training progress.</summary>
/// <param name="Data">The training images.</param>
/// <param name="Generator">The views' augmentation pipelines.</param>
public sealed record ImageBatchViews(ImageDataset Data, ViewGenerator Generator) : IBatchViews
{
    /// <inheritdoc />
    public string Source => Data.Source;

    /// <inheritdoc />
    public int Count => Data.Count;

    /// <inheritdoc />
    public int ViewsPerSample => Generator.PipelinesAt(0).Count;

    /// <inheritdoc />
    public ViewBatch Make(BatchJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Generator.Generate(Data, job.Indices, job.Epoch, job.BatchIndex, job.Progress);
    }
}
