using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>
/// Cutout (DeVries and Taylor, 2017): a <see cref="Size"/> x <see cref="Size"/> square centred on a uniformly
/// random pixel, clipped at the borders, is filled with <see cref="Value"/>.
/// </summary>
public sealed class Cutout : IImageAugmentation
{
    /// <summary>Creates the transform.</summary>
    /// <exception cref="ArgumentException">The size is not positive.</exception>
    public Cutout(int size, float value = 0f)
    {
        if (size <= 0) throw new ArgumentException($"Cutout: size must be positive, got {size}");
        (Size, Value) = (size, value);
    }

    /// <summary>Side of the square.</summary>
    public int Size { get; }

    /// <summary>Fill value.</summary>
    public float Value { get; }

    /// <inheritdoc />
    public ImageGeometry OutputGeometry(ImageGeometry input) => input;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> src, ImageGeometry geometry, Span<float> dst, Rng rng, AugmentationScratch scratch)
    {
        src.CopyTo(dst);
        var cy = rng.NextInt(geometry.Height);
        var cx = rng.NextInt(geometry.Width);
        int top = Math.Max(0, cy - Size / 2), bottom = Math.Min(geometry.Height, cy - Size / 2 + Size);
        int left = Math.Max(0, cx - Size / 2), right = Math.Min(geometry.Width, cx - Size / 2 + Size);
        RandomErasing.Fill(dst, geometry, top, left, bottom - top, right - left, Value);
    }
}
