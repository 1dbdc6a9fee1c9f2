using Contrastive.Data.Loading;

namespace Contrastive.Data.Views;

/// <summary>The augmented views of <see cref="Data"/>'s images that <see cref="Generator"/> makes, at the job's training progress.</summary>
public sealed class ImageBatchViews : IBatchViews
{
    /// <summary>Binds <paramref name="generator"/> to <paramref name="data"/>.</summary>
    public ImageBatchViews(ImageDataset data, ViewGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(generator);
        (Data, Generator) = (data, generator);
    }

    /// <summary>The training images.</summary>
    public ImageDataset Data { get; }

    /// <summary>The views' augmentation pipelines.</summary>
    public ViewGenerator Generator { get; }

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
