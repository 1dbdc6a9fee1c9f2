namespace Contrastive.Data.Datasets;

/// <summary>How images are loaded from a folder or resolved from a <c>--data</c> spec.</summary>
public sealed record ImageLoadOptions
{
    /// <summary>Channels of the loaded images (1 grey, 3 RGB); null keeps the source's (for a folder: the first image's, alpha dropped).</summary>
    public int? Channels { get; init; }

    /// <summary>Height in pixels; null keeps the source's (for a folder: the first image's). Others are resized bilinearly.</summary>
    public int? Height { get; init; }

    /// <summary>Width in pixels; null keeps the source's (for a folder: the first image's).</summary>
    public int? Width { get; init; }

    /// <summary>The fraction of each class held out as the test part, when the source is not already split (image folders, IDX train only).</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Seed of the per-class permutation that picks the test images; null takes the last ones of each class in sorted file order.</summary>
    public ulong? SplitSeed { get; init; } = 0;
}
