namespace Contrastive.Data.Augmentations;

/// <summary>The shape (C, H, W) of one image stored as CHW float32.</summary>
/// <param name="Channels">Number of channels (1 grey, 3 RGB).</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Width">Width in pixels.</param>
public readonly record struct ImageGeometry(int Channels, int Height, int Width)
{
    /// <summary>Floats per image: C * H * W.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>Pixels per channel: H * W.</summary>
    public int Plane => Height * Width;

    /// <summary>The same geometry with another height and width.</summary>
    public ImageGeometry WithSize(int height, int width) => new(Channels, height, width);

    /// <summary>The geometry of the images of <paramref name="dataset"/>.</summary>
    public static ImageGeometry Of(ImageDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new ImageGeometry(dataset.Channels, dataset.Height, dataset.Width);
    }

    /// <summary>Throws unless all dimensions are positive.</summary>
    internal void Validate(string what)
    {
        if (Channels <= 0 || Height <= 0 || Width <= 0)
            throw new ArgumentException($"{what}: invalid image geometry {this}");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
