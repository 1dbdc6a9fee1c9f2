using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>Per-channel standardisation: x_c = (x_c - mean_c) / std_c.</summary>
public sealed class Normalize : IImageAugmentation
{
    private readonly float[] _mean, _std;

    /// <summary>Creates the transform with one mean and std per channel.</summary>
    /// <exception cref="ArgumentException">The lengths differ, or a std is not positive.</exception>
    public Normalize(float[] mean, float[] std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Length != std.Length || mean.Length == 0)
            throw new ArgumentException($"Normalize: need one mean and one std per channel, got {mean.Length} means and {std.Length} stds");
        foreach (var s in std) if (!(s > 0)) throw new ArgumentException($"Normalize: std must be positive, got {s}");
        (_mean, _std) = ((float[])mean.Clone(), (float[])std.Clone());
    }

    /// <inheritdoc />
    public ImageGeometry OutputGeometry(ImageGeometry input)
    {
        if (input.Channels != _mean.Length) throw new ArgumentException($"Normalize has {_mean.Length} channel statistics but the image is {input}");
        return input;
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> src, ImageGeometry geometry, Span<float> dst, Rng rng, AugmentationScratch scratch)
    {
        OutputGeometry(geometry);
        src.CopyTo(dst);
        for (var c = 0; c < geometry.Channels; c++)
            ColorOps.AffineClamp(dst.Slice(c * geometry.Plane, geometry.Plane), 1f / _std[c], -_mean[c] / _std[c], float.NegativeInfinity, float.PositiveInfinity);
    }
}
