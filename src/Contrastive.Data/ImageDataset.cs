using Contrastive.Tensors;

namespace Contrastive.Data;

/// <summary>
/// N images of shape (C, H, W), float32 in [0, 1], stored contiguously in NCHW order, with optional
/// integer class labels in [0, ClassCount).
/// </summary>
public sealed class ImageDataset : ISampleSet
{
    private readonly float[] _pixels;

    /// <summary>Creates a dataset, validating sizes, labels and pixel values.</summary>
    /// <exception cref="ArgumentException">Sizes disagree, a label is out of range, or a pixel is NaN; the message names <paramref name="source"/>.</exception>
    public ImageDataset(float[] pixels, int count, int channels, int height, int width, int[]? labels, IReadOnlyList<string>? classNames, string source)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        Source = source;
        if (count < 0 || channels <= 0 || height <= 0 || width <= 0)
            throw new ArgumentException($"{source}: invalid image geometry {count}x{channels}x{height}x{width}");
        if (pixels.Length != (long)count * channels * height * width)
            throw new ArgumentException($"{source}: {pixels.Length} pixel values for {count} images of {channels}x{height}x{width}");
        if (labels is not null)
        {
            if (labels.Length != count) throw new ArgumentException($"{source}: {labels.Length} labels for {count} images");
            var classes = classNames?.Count ?? (labels.Length == 0 ? 0 : labels.Max() + 1);
            for (var i = 0; i < labels.Length; i++)
                if (labels[i] < 0 || labels[i] >= classes)
                    throw new ArgumentException($"{source}: label {labels[i]} of image {i} is outside [0, {classes})");
            ClassCount = classes;
        }
        if (FiniteValues.Describe(pixels) is { } bad) throw new ArgumentException($"{source}: pixel values must be finite, got {bad}");
        _pixels = pixels;
        Count = count;
        Channels = channels;
        Height = height;
        Width = width;
        Labels = labels;
        ClassNames = classNames;
    }

    /// <summary>Where the data came from (a path or a name), for messages.</summary>
    public string Source { get; }

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>Channels per image (1 grey, 3 RGB).</summary>
    public int Channels { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Floats per image: C * H * W.</summary>
    public int ImageSize => Channels * Height * Width;

    /// <summary>Class labels, or null for unlabeled data.</summary>
    public int[]? Labels { get; }

    /// <summary>Number of classes (0 when unlabeled).</summary>
    public int ClassCount { get; }

    /// <summary>Class names, when known.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>All pixels, NCHW.</summary>
    public ReadOnlySpan<float> Pixels => _pixels;

    /// <summary>The pixels of image <paramref name="index"/> (C*H*W values).</summary>
    public ReadOnlySpan<float> Image(int index) => _pixels.AsSpan(checked(index * ImageSize), ImageSize);

    /// <inheritdoc />
    public Tensor Gather(ReadOnlySpan<int> rows) => FixedSizeSamples.Gather(_pixels, ImageSize, rows, [Channels, Height, Width]);

    /// <summary>A new dataset holding the images at <paramref name="indices"/>, in that order.</summary>
    public ImageDataset Subset(IReadOnlyList<int> indices, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var pixels = new float[(long)indices.Count * ImageSize];
        var labels = Labels is null ? null : new int[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            Image(indices[i]).CopyTo(pixels.AsSpan(i * ImageSize, ImageSize));
            if (labels is not null) labels[i] = Labels![indices[i]];
        }
        return new ImageDataset(pixels, indices.Count, Channels, Height, Width, labels, ClassNames ?? ClassNamesFromCount(), source ?? Source);
    }

    /// <summary>The same images (shared, not copied) with other <paramref name="labels"/>, named by <paramref name="classNames"/>.</summary>
    /// <exception cref="ArgumentException">A label count or value that does not fit, as for the constructor.</exception>
    public ImageDataset WithLabels(int[] labels, IReadOnlyList<string> classNames, string source) =>
        new(_pixels, Count, Channels, Height, Width, labels, classNames, source);

    private string[]? ClassNamesFromCount() =>
        Labels is null ? null : Enumerable.Range(0, ClassCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
