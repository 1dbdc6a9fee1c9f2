using Contrastive.Data.Augmentations;
using Contrastive.Runs;

namespace Contrastive.Learning.Tests.Training;

/// <summary>The image views a run's configuration asks for: the method's recipe, the extra augmentations and the curriculum.</summary>
public class ImageViewsTests
{
    private static readonly ImageGeometry s_grey28 = new(1, 28, 28);

    private static Type[] StepTypes(IImageAugmentation view) =>
        ((AugmentationPipeline)view).Steps.Select(s => s.Augmentation.GetType()).ToArray();

    [Fact]
    public void Default_views_are_the_methods_recipe_unchanged()
    {
        var preset = StepTypes(AugmentationPresets.SimClr(s_grey28, 28));
        var simclr = ImageViews.Create(new TrainConfig { Method = "simclr" }, s_grey28, 1).PipelinesAt(0f);
        Assert.Equal(2, simclr.Count);
        Assert.All(simclr, v => Assert.Equal(preset, StepTypes(v)));
        Assert.Equal(2, ImageViews.Create(new TrainConfig { Method = "byol" }, s_grey28, 1).PipelinesAt(0f).Count);
        Assert.Single(ImageViews.Create(new TrainConfig { Method = "classifier" }, s_grey28, 1).PipelinesAt(0f));
        Assert.Equal(4, ImageViews.Create(new TrainConfig { Method = "simclr", Views = 4 }, s_grey28, 1).PipelinesAt(0f).Count);
    }

    [Fact]
    public void Local_crops_add_small_views_to_the_two_global_ones()
    {
        var views = ImageViews.Create(new TrainConfig { Method = "simclr", LocalCrops = 3, Erasing = 0.5f }, s_grey28, 1).PipelinesAt(0f);
        Assert.Equal(5, views.Count);
        Assert.Equal([28, 28, 12, 12, 12], views.Select(v => v.OutputGeometry(s_grey28).Height));
        Assert.All(views, v => Assert.IsType<RandomErasing>(((AugmentationPipeline)v).Steps[^1].Augmentation));
        Assert.Contains("--local-crops applies to simclr, not byol",
            Assert.Throws<ArgumentException>(new TrainConfig { Method = "byol", LocalCrops = 2 }.Validate).Message);
        Assert.Contains("drop --views", Assert.Throws<ArgumentException>(new TrainConfig { Method = "simclr", LocalCrops = 2, Views = 4 }.Validate).Message);
    }

    [Fact]
    public void Extras_follow_the_recipe_in_order_with_their_settings()
    {
        var config = new TrainConfig { Method = "moco", Rotation = 20f, Noise = 0.1f, Erasing = 0.25f };
        var view = (AugmentationPipeline)ImageViews.Create(config, s_grey28, 1).PipelinesAt(0f)[0];
        var extras = view.Steps.TakeLast(4).ToArray();
        Assert.Equal([typeof(Rotation), typeof(GaussianNoise), typeof(Clamp), typeof(RandomErasing)], extras.Select(s => s.Augmentation.GetType()));
        Assert.Equal(-20f, ((Rotation)extras[0].Augmentation).MinDegrees);
        Assert.Equal(20f, ((Rotation)extras[0].Augmentation).MaxDegrees);
        Assert.Equal(0.1f, ((GaussianNoise)extras[1].Augmentation).SigmaHigh);
        Assert.Equal(0.25, extras[3].Probability, 6);
        Assert.Equal(StepTypes(AugmentationPresets.SimClr(s_grey28, 28)).Length + 4, view.Steps.Count);
    }

    [Fact]
    public void A_curriculum_grows_every_augmentation_to_full_strength_by_the_ramp_end()
    {
        var config = new TrainConfig { Method = "simclr", Rotation = 30f, Erasing = 0.5f, CurriculumStart = 0.2f };
        var views = ImageViews.Create(config, s_grey28, 1);
        var start = (AugmentationPipeline)views.PipelinesAt(0f)[0];
        var full = (AugmentationPipeline)views.PipelinesAt(ImageViews.CurriculumRampEnd)[0];
        Assert.Equal(6f, ((Rotation)start.Steps[^2].Augmentation).MaxDegrees, 4);
        Assert.Equal(0.1, start.Steps[^1].Probability, 4);
        Assert.Equal(30f, ((Rotation)full.Steps[^2].Augmentation).MaxDegrees, 4);
        Assert.Equal(0.5, full.Steps[^1].Probability, 4);
        // the crop grows with strength too: the smallest crop scale moves from near 1 towards the recipe's 0.2
        Assert.True(((RandomResizedCrop)start.Steps[0].Augmentation).ScaleLow > ((RandomResizedCrop)full.Steps[0].Augmentation).ScaleLow);
        Assert.Same(full, views.PipelinesAt(1f)[0]);
    }

    [Theory]
    [InlineData("rotation must be between 0 and 180", 200f, null, null, null)]
    [InlineData("noise must be between 0 and 1", null, -0.1f, null, null)]
    [InlineData("erasing must be a probability", null, null, 1.5f, null)]
    [InlineData("curriculum start must be in [0, 1]", null, null, null, 2f)]
    public void Out_of_range_settings_are_named(string message, float? rotation, float? noise, float? erasing, float? curriculum)
    {
        var config = new TrainConfig { Method = "simclr", Rotation = rotation, Noise = noise, Erasing = erasing, CurriculumStart = curriculum };
        Assert.Contains(message, Assert.Throws<ArgumentException>(config.Validate).Message);
    }

    [Fact]
    public void Clip_refuses_the_image_view_options() =>
        Assert.Contains("--rotation, --noise, --erasing and --curriculum-start",
            Assert.Throws<ArgumentException>(new TrainConfig { Method = "clip", Erasing = 0.5f }.Validate).Message);
}
