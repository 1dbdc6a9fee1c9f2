using Contrastive.Data.Loading;
using Contrastive.Data.Views;

namespace Contrastive.Multimodal;

/// <summary>
/// CLIP's batches of image-text pairs: <c>Views[0]</c> the single view the generator makes of each image,
/// <c>Views[1]</c> the captions' token ids (<see cref="ImageTextDataset.TokenIds"/>).
/// </summary>
/// <param name="data">The training pairs.</param>
/// <param name="generator">The images' augmentation (its first view is used).</param>
public sealed class ImageTextBatchViews(ImageTextDataset data, ViewGenerator generator) : BatchViews<ImageTextDataset, ViewGenerator>(data, generator)
{
    /// <inheritdoc />
    public override string Source => Data.Images.Source;

    /// <inheritdoc />
    public override int Count => Data.Count;

    /// <inheritdoc />
    public override int ViewsPerSample => 1;

    /// <inheritdoc />
    protected override ViewBatch MakeViews(BatchJob job)
    {
        var images = Generator.Generate(Data.Images, job.Indices, job.Epoch, job.BatchIndex, job.Progress);
        return new ViewBatch([images.Views[0], Data.TokenIds(job.Indices)], images.Labels, images.Indices, images.Epoch, images.BatchIndex);
    }
}
