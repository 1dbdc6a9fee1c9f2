namespace Contrastive.Models;

/// <summary>The shape of one input sample: image (C, H, W) or a row of features.</summary>
public readonly record struct InputGeometry(int Channels, int Height, int Width, int Features)
{
    /// <summary>Geometry of C x H x W images.</summary>
    public static InputGeometry Image(int channels, int height, int width) => new(channels, height, width, channels * height * width);

    /// <summary>Geometry of feature rows.</summary>
    public static InputGeometry Table(int features) => new(0, 0, 0, features);

    /// <summary>True for images.</summary>
    public bool IsImage => Channels > 0;
}
