using Contrastive.Data.Augmentations;
using Contrastive.Tensors;

namespace Contrastive.Data.Tests.Augmentations;

/// <summary>Small hand-made images and a helper to run one transform.</summary>
internal static class Images
{
    /// <summary>Pixel (c, y, x) = (100 c + 10 y + x) / 1000: every value distinct and in [0, 1].</summary>
    public static float[] Ramp(ImageGeometry g)
    {
        var img = new float[g.Size];
        for (var c = 0; c < g.Channels; c++)
            for (var y = 0; y < g.Height; y++)
                for (var x = 0; x < g.Width; x++)
                    img[(c * g.Height + y) * g.Width + x] = (100 * c + 10 * y + x) / 1000f;
        return img;
    }

    public static float[] Random(ImageGeometry g, ulong seed)
    {
        var rng = new Rng(seed);
        var img = new float[g.Size];
        for (var i = 0; i < img.Length; i++) img[i] = rng.NextFloat();
        return img;
    }

    public static float[] Run(IImageAugmentation aug, float[] src, ImageGeometry g, ulong seed = 1)
    {
        var dst = new float[aug.OutputGeometry(g).Size];
        aug.Apply(src, g, dst, new Rng(seed), new AugmentationScratch());
        return dst;
    }

    public static ImageDataset Dataset(int count, ImageGeometry g, int classes, ulong seed)
    {
        var pixels = new float[count * g.Size];
        var rng = new Rng(seed);
        for (var i = 0; i < pixels.Length; i++) pixels[i] = rng.NextFloat();
        var labels = Enumerable.Range(0, count).Select(i => i % classes).ToArray();
        return new ImageDataset(pixels, count, g.Channels, g.Height, g.Width, labels, null, "test images");
    }
}
