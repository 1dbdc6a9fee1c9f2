using Contrastive.Data.Loading;
using Contrastive.Data.Views;

namespace Contrastive.Multimodal;

/// <summary>
/// CLIP's batches of image-text pairs: <c>Views[0]</c> the single view <see cref="Generator"/> makes of each image,
/// <c>Views[1]</c> the captions' token ids (<see cref="ImageTextDataset.TokenIds"/>).
/// </summary>
public sealed class ImageTextBatchViews : IBatchViews
{
    /// <summary>Binds <paramref name="generator"/> to <paramref name="data"/>.</summary>
    public ImageTextBatchViews(ImageTextDataset data, ViewGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(generator);
        (Data, Generator) = (data, generator);
    }

    /// <summary>The training pairs.</summary>
    public ImageTextDataset Data { get; }

    /// <summary>The images' augmentation (its first view is used).</summary>
    public ViewGenerator Generator { get; }

    /// <inheritdoc />
    public string Source => Data.Images.Source;

    /// <inheritdoc />
    public int Count => Data.Count;

    /// <inheritdoc />
    public int ViewsPerSample => 1;

    /// <inheritdoc />
    public ViewBatch Make(BatchJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var images = Generator.Generate(Data.Images, job.Indices, job.Epoch, job.BatchIndex, job.Progress);
        return new ViewBatch([images.Views[0], Data.TokenIds(job.Indices)], images.Labels, images.Indices, images.Epoch, images.BatchIndex);
    }
}
