using Contrastive.Data.Augmentations;
using Contrastive.Data.Views;

namespace Contrastive.Runs;

/// <summary>
/// The image views a run trains on: the method's recipe (<see cref="MethodSpec.ImageViews"/>: BYOL's pair, the classifier's
/// weak view, SimCLR's recipe for every other method, <see cref="TrainConfig.Views"/> times, or SimCLR's multi-crop with
/// <see cref="TrainConfig.LocalCrops"/>) followed by the optional
/// extra augmentations of <see cref="TrainConfig"/> (rotation, noise, random erasing), and, with
/// <see cref="TrainConfig.CurriculumStart"/>, a curriculum that grows all of it from that strength to full strength.
/// </summary>
public static class ImageViews
{
    /// <summary>Fraction of training over which a curriculum ramps the augmentation strength up to 1.</summary>
    public const float CurriculumRampEnd = 0.5f;

    /// <summary>The view generator of <paramref name="config"/> for images of <paramref name="geometry"/>.</summary>
    /// <exception cref="ArgumentException">An augmentation setting does not fit the geometry.</exception>
    public static ViewGenerator Create(TrainConfig config, ImageGeometry geometry, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.CurriculumStart is not { } start) return new ViewGenerator(Recipe(config, geometry, 1f), seed);
        return new ViewGenerator(strength => Recipe(config, geometry, strength), new CurriculumSchedule(start, 1f, rampEnd: CurriculumRampEnd), seed);
    }

    /// <summary>The pipelines at augmentation <paramref name="strength"/> in [0, 1] (1: the published recipe); the extras
    /// scale with it too (rotation range, noise sigma, erasing probability).</summary>
    private static AugmentationPipeline[] Recipe(TrainConfig config, ImageGeometry geometry, float strength)
    {
        var views = MethodSpecs.Get(config.Method).ImageViews(config, geometry, strength, config.HorizontalFlip ?? false);
        return Array.ConvertAll(views, view => WithExtras(view, config, strength));
    }

    /// <summary>The side of a multi-crop local view: 3/7 of the image's, as SwAV's 96 of 224 (12 for 28), at least 8.</summary>
    public static int LocalCropSize(int size) => Math.Max(8, (int)MathF.Round(size * 3f / 7f));

    /// <summary><paramref name="view"/> followed by rotation U(-r, r) degrees, Gaussian noise N(0, s^2) clamped back to [0, 1],
    /// and random erasing with probability p, each only when configured and each scaled by <paramref name="strength"/>.</summary>
    private static AugmentationPipeline WithExtras(AugmentationPipeline view, TrainConfig config, float strength)
    {
        if (config.Rotation is { } degrees && degrees > 0) view = view.Then(new Rotation(-degrees * strength, degrees * strength));
        if (config.Noise is { } sigma && sigma > 0) view = view.Then(new GaussianNoise(0f, sigma * strength)).Then(new Clamp());
        if (config.Erasing is { } p && p > 0) view = view.Then(new RandomErasing(), p * strength);
        return view;
    }
}
