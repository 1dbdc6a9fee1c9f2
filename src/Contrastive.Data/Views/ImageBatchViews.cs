using Contrastive.Data.Loading;

namespace Contrastive.Data.Views;

/// <summary>The augmented views of the training images that a <see cref="ViewGenerator"/> makes, at the job's training progress.</summary>
/// <param name="data">The training images.</param>
/// <param name="generator">The views' augmentation pipelines.</param>
public sealed class ImageBatchViews(ImageDataset data, ViewGenerator generator) : BatchViews<ImageDataset, ViewGenerator>(data, generator)
{
    /// <inheritdoc />
    public override string Source => Data.Source;

    /// <inheritdoc />
    public override int Count => Data.Count;

    /// <inheritdoc />
    public override int ViewsPerSample => Generator.PipelinesAt(0).Count;

    /// <inheritdoc />
    protected override ViewBatch MakeViews(BatchJob job) => Generator.Generate(Data, job.Indices, job.Epoch, job.BatchIndex, job.Progress);
}
