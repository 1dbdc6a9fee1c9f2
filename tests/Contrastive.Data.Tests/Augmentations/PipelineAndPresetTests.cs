using Contrastive.Data.Augmentations;
using Contrastive.Tensors;

namespace Contrastive.Data.Tests.Augmentations;

public class PipelineAndPresetTests
{
    private static readonly ImageGeometry s_grey = new(1, 28, 28);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Presets_mirror_half_the_views_only_when_flips_are_on(int channels)
    {
        var geometry = new ImageGeometry(channels, 28, 28);
        static double FlipProbability(AugmentationPipeline p) => p.Steps.Single(s => s.Augmentation is HorizontalFlip).Probability;
        Assert.Equal(0.5, FlipProbability(AugmentationPresets.SimClr(geometry, 28)));
        Assert.Equal(0.0, FlipProbability(AugmentationPresets.SimClr(geometry, 28, horizontalFlip: false)));
        Assert.Equal(0.0, FlipProbability(AugmentationPresets.Byol(geometry, 28, horizontalFlip: false).View2));
        Assert.Equal(0.0, FlipProbability(AugmentationPresets.WeakStrong(geometry, 28, horizontalFlip: false).Weak));
        Assert.All(AugmentationPresets.MultiCrop(geometry, 28, 12, 2, horizontalFlip: false), v => Assert.Equal(0.0, FlipProbability(v)));
    }

    [Fact]
    public void Steps_with_probability_0_are_skipped_and_probability_1_always_applied()
    {
        var g = new ImageGeometry(1, 2, 3);
        var img = Images.Ramp(g);
        Assert.Equal(img, Images.Run(new AugmentationPipeline(new AugmentationStep(new HorizontalFlip(), 0)), img, g));
        Assert.Equal(Images.Run(new HorizontalFlip(), img, g), Images.Run(new AugmentationPipeline(new AugmentationStep(new HorizontalFlip())), img, g));
    }

    [Fact]
    public void A_pipeline_composes_its_steps_in_order_and_nests()
    {
        var g = new ImageGeometry(1, 3, 3);
        var img = Images.Ramp(g);
        var inner = new AugmentationPipeline(new AugmentationStep(new HorizontalFlip()), new AugmentationStep(new Clamp(0.2f, 0.8f)));
        var outer = new AugmentationPipeline(new AugmentationStep(inner)).Then(new Solarize(0.011f));
        var expected = Images.Run(new Solarize(0.011f), Images.Run(new Clamp(0.2f, 0.8f), Images.Run(new HorizontalFlip(), img, g), g), g);
        Assert.Equal(expected, Images.Run(outer, img, g));
    }

    [Fact]
    public void A_step_that_resizes_must_always_apply()
    {
        var pipeline = new AugmentationPipeline(new AugmentationStep(new RandomResizedCrop(8, 8), 0.5));
        var ex = Assert.Throws<ArgumentException>(() => pipeline.OutputGeometry(s_grey));
        Assert.Contains("probability 1", ex.Message);
    }

    [Fact]
    public void Simclr_grey_preset_is_the_bench_spec()
    {
        var steps = AugmentationPresets.SimClr(s_grey, 28).Steps;
        Assert.Equal(4, steps.Count);
        var crop = Assert.IsType<RandomResizedCrop>(steps[0].Augmentation);
        Assert.Equal((28, 28, 0.2f, 1f, 0.75f, 4f / 3), (crop.Height, crop.Width, crop.ScaleLow, crop.ScaleHigh, crop.RatioLow, crop.RatioHigh));
        Assert.IsType<HorizontalFlip>(steps[1].Augmentation);
        Assert.Equal(0.5, steps[1].Probability);
        var jitter = Assert.IsType<BrightnessContrast>(steps[2].Augmentation);
        Assert.Equal((0.4f, 0.4f, 0.8), (jitter.Brightness, jitter.Contrast, steps[2].Probability));
        var clamp = Assert.IsType<Clamp>(steps[3].Augmentation);
        Assert.Equal((0f, 1f), (clamp.Low, clamp.High));
    }

    [Fact]
    public void Strength_scales_the_crop_lower_bound_and_the_jitter()
    {
        var steps = AugmentationPresets.SimClr(s_grey, 28, strength: 0.5f).Steps;
        Assert.Equal(0.6f, ((RandomResizedCrop)steps[0].Augmentation).ScaleLow, 6);
        Assert.Equal(0.2f, ((BrightnessContrast)steps[2].Augmentation).Brightness, 6);
        var zero = AugmentationPresets.SimClr(s_grey, 28, strength: 0f).Steps;
        Assert.Equal(1f, ((RandomResizedCrop)zero[0].Augmentation).ScaleLow);
    }

    [Fact]
    public void Byol_views_differ_in_blur_and_solarize_probability()
    {
        var (v1, v2) = AugmentationPresets.Byol(new ImageGeometry(3, 32, 32), 32);
        Assert.Equal(1.0, v1.Steps.Single(s => s.Augmentation is GaussianBlur).Probability);
        Assert.DoesNotContain(v1.Steps, s => s.Augmentation is Solarize);
        Assert.Equal(0.1, v2.Steps.Single(s => s.Augmentation is GaussianBlur).Probability);
        Assert.Equal(0.2, v2.Steps.Single(s => s.Augmentation is Solarize).Probability);
    }

    [Fact]
    public void Byol_on_grey_images_uses_the_grey_simclr_recipe_for_both_views()
    {
        var (v1, v2) = AugmentationPresets.Byol(s_grey, 28);
        var simclr = AugmentationPresets.SimClr(s_grey, 28).Steps.Select(s => (s.Augmentation.GetType(), s.Probability)).ToArray();
        Assert.Equal(simclr, v1.Steps.Select(s => (s.Augmentation.GetType(), s.Probability)).ToArray());
        Assert.Equal(simclr, v2.Steps.Select(s => (s.Augmentation.GetType(), s.Probability)).ToArray());
    }

    [Fact]
    public void Every_preset_runs_and_keeps_grey_simclr_views_in_unit_range()
    {
        var rgb = new ImageGeometry(3, 32, 32);
        var (weak, strong) = AugmentationPresets.WeakStrong(rgb, 32);
        var (b1, b2) = AugmentationPresets.Byol(rgb, 24);
        IImageAugmentation[] all = [AugmentationPresets.SimClr(rgb, 32), weak, strong, b1, b2, .. AugmentationPresets.MultiCrop(rgb, 32, 16, 3)];
        var img = Images.Random(rgb, 1);
        foreach (var aug in all)
            foreach (var v in Images.Run(aug, img, rgb)) Assert.True(float.IsFinite(v));
        var grey = Images.Random(s_grey, 2);
        for (ulong seed = 0; seed < 50; seed++)
            foreach (var v in Images.Run(AugmentationPresets.SimClr(s_grey, 28), grey, s_grey, seed)) Assert.InRange(v, 0f, 1f);
    }

    [Fact]
    public void Multi_crop_gives_two_global_and_k_local_views_of_their_sizes()
    {
        var views = AugmentationPresets.MultiCrop(new ImageGeometry(3, 32, 32), 24, 12, 4);
        Assert.Equal(6, views.Count);
        Assert.Equal([24, 24, 12, 12, 12, 12], views.Select(v => v.OutputGeometry(new ImageGeometry(3, 32, 32)).Height).ToArray());
    }

    [Fact]
    public void Same_rng_state_gives_the_same_view_and_scratch_reuse_does_not_leak_state()
    {
        var pipeline = AugmentationPresets.SimClr(new ImageGeometry(3, 16, 16), 16);
        var g = new ImageGeometry(3, 16, 16);
        var img = Images.Random(g, 4);
        var scratch = new AugmentationScratch();
        var a = new float[g.Size];
        var b = new float[g.Size];
        pipeline.Apply(img, g, a, new Rng(7), scratch);
        pipeline.Apply(Images.Random(g, 5), g, b, new Rng(8), scratch);
        pipeline.Apply(img, g, b, new Rng(7), scratch);
        Assert.Equal(a, b);
    }
}
