using Contrastive.Data.Augmentations;
using Contrastive.Data.Loading;
using Contrastive.Data.Tests.Augmentations;
using Contrastive.Data.Views;

namespace Contrastive.Data.Tests.Views;

public class BatchViewsTests
{
    private static readonly ImageGeometry s_grey = new(1, 28, 28);

    [Fact]
    public void Image_views_of_a_job_are_the_generators_views_of_its_indices()
    {
        var data = Images.Dataset(20, s_grey, 4, 1);
        var generator = ViewGenerator.TwoViews(AugmentationPresets.SimClr(s_grey, 28), seed: 5);
        var views = new ImageBatchViews(data, generator);
        var made = views.Make(new BatchJob(0, Epoch: 3, BatchIndex: 1, Indices: [7, 2], Progress: 0f));
        var expected = generator.Generate(data, [7, 2], epoch: 3, batchIndex: 1);
        Assert.Equal((2, 20, data.Source), (views.ViewsPerSample, views.Count, views.Source));
        Assert.Equal(expected.Views[1].ToArray(), made.Views[1].ToArray());
        Assert.Equal(expected.Labels, made.Labels);
        Assert.Throws<ArgumentNullException>(() => new ImageBatchViews(data, null!));
    }

    [Fact]
    public void Table_views_count_one_view_per_corruption()
    {
        var table = new TabularDataset([1, 2, 3, 4, 5, 6], 3, 2, null, ["a", "b"], "t.csv");
        var views = new TabularBatchViews(table, new TabularViewGenerator([null, new ScarfCorruption(table, 0.5f)], seed: 1));
        var made = views.Make(new BatchJob(0, 0, 0, [2, 0], 0f));
        Assert.Equal(2, views.ViewsPerSample);
        Assert.Equal([5f, 6f, 1f, 2f], made.Views[0].ToArray()); // the clean view
        Assert.Throws<ArgumentNullException>(() => new TabularBatchViews(null!, new TabularViewGenerator([null], 1)));
    }
}
