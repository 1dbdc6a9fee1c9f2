namespace Contrastive.Data.Augmentations;

/// <summary>
/// Standard augmentation recipes. <c>strength</c> in [0, 1] scales the recipe for curricula: the crop scale
/// lower bound moves from 1 (strength 0) to the recipe's value (strength 1), and colour jitter amounts are
/// multiplied by strength; strength 1 is the published recipe.
/// </summary>
public static class AugmentationPresets
{
    /// <summary>
    /// SimCLR views. Grey (1-channel) input gets exactly the bench spec (<c>benchmarks/BENCH_SPEC.md</c>):
    /// random resized crop to <paramref name="outputSize"/> (scale U(0.2, 1), log-ratio U(log 3/4, log 4/3)),
    /// horizontal flip p = 0.5, with p = 0.8 brightness and contrast factors U(0.6, 1.4) around the image mean
    /// (<see cref="BrightnessContrast"/>), clamp to [0, 1]. RGB input gets the SimCLR paper's recipe: crop
    /// scale U(0.08, 1), flip p = 0.5, colour jitter (0.4, 0.4, 0.4, 0.1) with p = 0.8, grayscale p = 0.2,
    /// Gaussian blur (kernel ~10% of the size, sigma U(0.1, 2)) with p = 0.5. <paramref name="minCropScale"/> replaces
    /// the crop scale's lower bound (0.2 grey, 0.08 RGB).
    /// </summary>
    /// <exception cref="ArgumentException">The geometry is not 1 or 3 channels, or the size, strength or crop scale is invalid.</exception>
    public static AugmentationPipeline SimClr(ImageGeometry input, int outputSize, float strength = 1f, bool horizontalFlip = true, float? minCropScale = null)
    {
        Validate(input, outputSize, strength);
        if (minCropScale is { } low && !(low is > 0 and <= 1)) throw new ArgumentException($"augmentation preset: the smallest crop scale must be in (0, 1], got {low}");
        if (input.Channels == 1)
        {
            return new AugmentationPipeline(
                new(Crop(outputSize, minCropScale ?? 0.2f, strength)),
                Flip(horizontalFlip),
                new(new BrightnessContrast(0.4f * strength, 0.4f * strength), 0.8),
                new(new Clamp()));
        }
        return new AugmentationPipeline(
            new(Crop(outputSize, minCropScale ?? 0.08f, strength)),
            Flip(horizontalFlip),
            new(new ColorJitter(0.4f * strength, 0.4f * strength, 0.4f * strength, 0.1f * strength), 0.8),
            new(new Grayscale(), 0.2 * strength),
            new(Blur(outputSize), 0.5));
    }

    /// <summary>
    /// BYOL's asymmetric pair (Grill et al., 2020) for RGB input: both views crop (scale U(0.08, 1)), flip p = 0.5,
    /// colour jitter (0.4, 0.4, 0.2, 0.1) p = 0.8, grayscale p = 0.2; view 1 blurs with p = 1 and never solarizes,
    /// view 2 blurs with p = 0.1 and solarizes (threshold 0.5) with p = 0.2. Grey input gets the <see cref="SimClr"/>
    /// grey recipe for both views: blurring and solarizing 28 x 28 grey images removes what distinguishes them.
    /// </summary>
    /// <exception cref="ArgumentException">The geometry, size or strength is invalid.</exception>
    public static (AugmentationPipeline View1, AugmentationPipeline View2) Byol(ImageGeometry input, int outputSize, float strength = 1f, bool horizontalFlip = true)
    {
        Validate(input, outputSize, strength);
        if (input.Channels == 1) return (SimClr(input, outputSize, strength, horizontalFlip), SimClr(input, outputSize, strength, horizontalFlip));
        AugmentationPipeline Common() => new(
            new(Crop(outputSize, 0.08f, strength)),
            Flip(horizontalFlip),
            new(new ColorJitter(0.4f * strength, 0.4f * strength, 0.2f * strength, 0.1f * strength), 0.8),
            new(new Grayscale(), 0.2 * strength));
        return (Common().Then(Blur(outputSize), 1.0),
                Common().Then(Blur(outputSize), 0.1).Then(new Solarize(0.5f), 0.2 * strength));
    }

    /// <summary>
    /// CLIP's image view (Radford et al., 2021, train with a random square crop only): a random resized crop to
    /// <paramref name="outputSize"/> with scale U(0.9, 1), and no flip or colour change, which could contradict a
    /// caption that names a side or a colour.
    /// </summary>
    /// <exception cref="ArgumentException">The geometry or size is invalid.</exception>
    public static AugmentationPipeline Clip(ImageGeometry input, int outputSize)
    {
        Validate(input, outputSize, 1f);
        return new AugmentationPipeline(new AugmentationStep(Crop(outputSize, 0.9f, 1f)));
    }

    /// <summary>
    /// A weak/strong pair (as in FixMatch-style consistency training): the weak view is a mild crop
    /// (scale U(0.8, 1)) and a flip; the strong view is <see cref="SimClr"/> at <paramref name="strength"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The geometry, size or strength is invalid.</exception>
    public static (AugmentationPipeline Weak, AugmentationPipeline Strong) WeakStrong(ImageGeometry input, int outputSize, float strength = 1f, bool horizontalFlip = true)
    {
        Validate(input, outputSize, strength);
        var weak = new AugmentationPipeline(new(Crop(outputSize, 0.8f, 1f)), Flip(horizontalFlip));
        return (weak, SimClr(input, outputSize, strength, horizontalFlip));
    }

    /// <summary>
    /// Multi-crop (Caron et al., SwAV): 2 global views of <paramref name="globalSize"/> (crop scale U(0.14, 1))
    /// and <paramref name="localCount"/> local views of <paramref name="localSize"/> (crop scale U(0.05, 0.14)),
    /// each followed by the SimCLR colour recipe for the channel count.
    /// </summary>
    /// <exception cref="ArgumentException">The geometry, a size, the count or the strength is invalid.</exception>
    public static IReadOnlyList<AugmentationPipeline> MultiCrop(ImageGeometry input, int globalSize, int localSize, int localCount, float strength = 1f, bool horizontalFlip = true)
    {
        Validate(input, globalSize, strength);
        Validate(input, localSize, strength);
        if (localCount < 0) throw new ArgumentException($"MultiCrop: local view count must be non-negative, got {localCount}");
        AugmentationPipeline View(int size, float low, float high)
        {
            var simclr = SimClr(input, size, strength, horizontalFlip);
            return new AugmentationPipeline([new(new RandomResizedCrop(size, size, ScaleLow(low, strength, high), high)), .. simclr.Steps.Skip(1)]);
        }
        var views = new List<AugmentationPipeline> { View(globalSize, 0.14f, 1f), View(globalSize, 0.14f, 1f) };
        for (var i = 0; i < localCount; i++) views.Add(View(localSize, 0.05f, 0.14f));
        return views;
    }

    /// <summary>The crop-scale lower bound at <paramref name="strength"/>: low + (1 - strength)(1 - low), never above <paramref name="high"/>.</summary>
    private static float ScaleLow(float low, float strength, float high = 1f) => Math.Min(high, low + (1f - strength) * (1f - low));

    private static RandomResizedCrop Crop(int size, float low, float strength) => new(size, size, ScaleLow(low, strength));

    /// <summary>A left-right mirror with p = 0.5, or with p = 0 (a step that never fires, so every recipe keeps its
    /// shape and random-number use) when <paramref name="enabled"/> is false.</summary>
    private static AugmentationStep Flip(bool enabled) => new(new HorizontalFlip(), enabled ? 0.5 : 0.0);

    /// <summary>Blur with an odd kernel of about 10% of the image side (23 at 224, 3 at 28).</summary>
    private static GaussianBlur Blur(int size) => new(Math.Max(3, (size / 10) | 1), 0.1f, 2f);

    private static void Validate(ImageGeometry input, int outputSize, float strength)
    {
        input.Validate("augmentation preset");
        if (input.Channels is not (1 or 3)) throw new ArgumentException($"augmentation presets need 1- or 3-channel images, got {input}");
        if (outputSize <= 0) throw new ArgumentException($"augmentation preset: output size must be positive, got {outputSize}");
        if (!(strength is >= 0 and <= 1)) throw new ArgumentException($"augmentation preset: strength must be in [0, 1], got {strength}");
    }
}
