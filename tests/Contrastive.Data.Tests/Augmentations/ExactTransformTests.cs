using Contrastive.Data.Augmentations;
using Contrastive.Tensors;

namespace Contrastive.Data.Tests.Augmentations;

public class ExactTransformTests
{
    private static readonly ImageGeometry s_rgb = new(3, 4, 5);

    [Fact]
    public void Horizontal_flip_mirrors_columns_and_twice_is_identity()
    {
        var img = Images.Ramp(s_rgb);
        var flipped = Images.Run(new HorizontalFlip(), img, s_rgb);
        Assert.Equal((100 * 2 + 10 * 3 + 4) / 1000f, flipped[(2 * 4 + 3) * 5 + 0]);
        Assert.Equal((100 * 1 + 10 * 0 + 0) / 1000f, flipped[(1 * 4 + 0) * 5 + 4]);
        Assert.Equal(img, Images.Run(new HorizontalFlip(), flipped, s_rgb));
    }

    [Fact]
    public void Crop_of_scale_1_and_ratio_1_on_a_square_image_is_the_identity()
    {
        var g = new ImageGeometry(2, 6, 6);
        var img = Images.Random(g, 3);
        var crop = new RandomResizedCrop(6, 6, 1f, 1f, 1f, 1f);
        for (ulong seed = 0; seed < 5; seed++) Assert.Equal(img, Images.Run(crop, img, g, seed));
    }

    [Fact]
    public void Crop_falls_back_to_a_centre_crop_clamped_to_the_ratio_range()
    {
        // A 2x12 strip can never hold an aspect in [1, 1] crop of 90% area: fallback h = 2, w = round(2 * 1) = 2.
        var crop = new RandomResizedCrop(2, 2, 0.9f, 1f, 1f, 1f);
        Assert.Equal((0, 5, 2, 2), crop.SampleWindow(2, 12, new Rng(4)));
    }

    [Fact]
    public void Crop_windows_respect_scale_and_ratio_and_fit_the_image()
    {
        var crop = new RandomResizedCrop(28, 28, 0.2f, 1f);
        var rng = new Rng(9);
        for (var i = 0; i < 2000; i++)
        {
            var (top, left, h, w) = crop.SampleWindow(28, 28, rng);
            Assert.InRange(top, 0, 28 - h);
            Assert.InRange(left, 0, 28 - w);
            Assert.InRange(h * w, 0.2 * 784 * 0.85, 784);
            Assert.InRange((double)w / h, 0.75 * 0.85, 4.0 / 3 * 1.15);
        }
    }

    [Fact]
    public void Rotation_by_90_degrees_is_an_exact_quarter_turn()
    {
        var g = new ImageGeometry(1, 5, 5);
        var img = Images.Ramp(g);
        var dst = new float[g.Size];
        Rotation.Rotate(img, g, dst, 90f);
        // Counter-clockwise: out[y][x] = in[x][W - 1 - y].
        for (var y = 0; y < 5; y++)
            for (var x = 0; x < 5; x++)
                Assert.Equal(img[x * 5 + 4 - y], dst[y * 5 + x], 5);
    }

    [Fact]
    public void Solarize_inverts_values_at_or_above_the_threshold()
    {
        var g = new ImageGeometry(1, 1, 4);
        Assert.Equal([0.2f, 0.5f, 0.3f, 1f - 0.9f], Images.Run(new Solarize(0.5f), [0.2f, 0.5f, 0.7f, 0.9f], g));
    }

    [Fact]
    public void Jitter_with_factor_1_is_the_identity()
    {
        var img = Images.Random(s_rgb, 5);
        var jitter = new ColorJitter(0.4f, 0.4f, 0.4f, 0.1f);
        for (var op = 0; op < 3; op++)
        {
            var copy = (float[])img.Clone();
            jitter.Adjust(copy, s_rgb, op, 1f);
            Assert.Equal(img, copy);
        }
        var hue = (float[])img.Clone();
        jitter.Adjust(hue, s_rgb, 3, 0f);
        for (var i = 0; i < img.Length; i++) Assert.Equal(img[i], hue[i], 5);
        var g = new ImageGeometry(1, 4, 5);
        var grey = Images.Random(g, 6);
        Assert.Equal(grey, Images.Run(new BrightnessContrast(0f, 0f), grey, g));
    }

    [Fact]
    public void Bench_jitter_is_brightness_then_contrast_around_the_input_mean()
    {
        var g = new ImageGeometry(1, 1, 4);
        float[] img = [0.1f, 0.2f, 0.3f, 0.6f];
        var aug = new BrightnessContrast(0.4f, 0.4f);
        var rng = new Rng(11);
        var b = rng.Uniform(0.6f, 1.4f);
        var c = rng.Uniform(0.6f, 1.4f);
        var mean = img.Average();
        var dst = Images.Run(aug, img, g, 11);
        for (var i = 0; i < img.Length; i++) Assert.Equal((b * img[i] - mean) * c + mean, dst[i], 5);
    }

    [Fact]
    public void Clamp_limits_values()
    {
        Assert.Equal([0f, 0.5f, 1f], Images.Run(new Clamp(), [-0.5f, 0.5f, 1.5f], new ImageGeometry(1, 1, 3)));
    }

    [Fact]
    public void Blur_of_a_constant_image_is_constant()
    {
        var g = new ImageGeometry(3, 7, 6);
        var img = Enumerable.Repeat(0.37f, g.Size).ToArray();
        foreach (var v in Images.Run(new GaussianBlur(5, 0.1f, 2f), img, g)) Assert.Equal(0.37f, v, 5);
    }

    [Fact]
    public void Grayscale_of_grey_is_grey_and_of_one_channel_is_unchanged()
    {
        var g = new ImageGeometry(3, 2, 2);
        float[] img = [0.1f, 0.4f, 0.7f, 1f, 0.1f, 0.4f, 0.7f, 1f, 0.1f, 0.4f, 0.7f, 1f];
        var dst = Images.Run(new Grayscale(), img, g);
        // torchvision's luma weights sum to 0.9999, so grey stays grey to 1e-4 relative.
        for (var i = 0; i < img.Length; i++) Assert.Equal(img[i], dst[i], img[i] * 1.01e-4);
        var grey = Images.Random(new ImageGeometry(1, 3, 3), 2);
        Assert.Equal(grey, Images.Run(new Grayscale(), grey, new ImageGeometry(1, 3, 3)));
    }

    [Fact]
    public void Grey_images_only_get_brightness_and_contrast_from_colour_jitter()
    {
        var g = new ImageGeometry(1, 3, 4);
        var img = Images.Random(g, 8);
        var jitter = new ColorJitter(0f, 0f, 0.9f, 0.5f);
        Assert.Equal(img, Images.Run(jitter, img, g, 3));
    }

    [Fact]
    public void Random_erasing_fills_one_box_with_the_value()
    {
        var g = new ImageGeometry(2, 10, 10);
        var img = Enumerable.Repeat(0.5f, g.Size).ToArray();
        var dst = Images.Run(new RandomErasing(0.1f, 0.1f, 1f, 1f, value: 0f), img, g, 4);
        // Area 10 with aspect 1: h = w = round(sqrt(10)) = 3, in both channels.
        Assert.Equal(2 * 9, dst.Count(v => v == 0f));
        Assert.Equal(dst.AsSpan(0, 100).ToArray(), dst.AsSpan(100, 100).ToArray());
    }

    [Fact]
    public void Gaussian_noise_has_the_requested_spread()
    {
        var g = new ImageGeometry(1, 100, 100);
        var img = new float[g.Size];
        var dst = Images.Run(new GaussianNoise(0.1f, 0.1f), img, g);
        var mean = dst.Average();
        var std = Math.Sqrt(dst.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, -0.005, 0.005);
        Assert.InRange(std, 0.095, 0.105);
    }

    [Fact]
    public void Bad_parameters_are_rejected_with_a_message_naming_them()
    {
        Assert.Contains("kernel size", Assert.Throws<ArgumentException>(() => new GaussianBlur(4)).Message);
        Assert.Contains("scale", Assert.Throws<ArgumentException>(() => new RandomResizedCrop(8, 8, 0.5f, 0.2f)).Message);
        Assert.Contains("hue", Assert.Throws<ArgumentException>(() => new ColorJitter(0, 0, 0, 0.7f)).Message);
        Assert.Contains("2x5x5", Assert.Throws<ArgumentException>(() => new ColorJitter(0.1f, 0, 0, 0).OutputGeometry(new ImageGeometry(2, 5, 5))).Message);
    }
}
