using Contrastive.Data.Augmentations;
using Contrastive.Data.Tests.Augmentations;
using Contrastive.Data.Views;
using Contrastive.Tensors;

namespace Contrastive.Data.Tests.Views;

public class ViewAndPairTests
{
    private static readonly ImageGeometry s_grey = new(1, 28, 28);

    [Fact]
    public void Views_do_not_depend_on_thread_count_or_engine_threads()
    {
        var data = Images.Dataset(64, s_grey, 10, 1);
        var views = ViewGenerator.TwoViews(AugmentationPresets.SimClr(s_grey, 28), seed: 42);
        var indices = Enumerable.Range(0, 64).Reverse().ToArray();
        var saved = Engine.Threads;
        try
        {
            Engine.Threads = 1;
            var one = views.Generate(data, indices, epoch: 3, threads: 1);
            Engine.Threads = 2;
            var two = views.Generate(data, indices, epoch: 3, threads: 2);
            var four = views.Generate(data, indices, epoch: 3, threads: 4);
            for (var v = 0; v < 2; v++)
            {
                Assert.Equal(one.Views[v].Span.ToArray(), two.Views[v].Span.ToArray());
                Assert.Equal(one.Views[v].Span.ToArray(), four.Views[v].Span.ToArray());
            }
            Assert.Equal([64, 1, 28, 28], one.Views[0].Shape.ToArray());
            Assert.Equal(indices.Select(i => i % 10), one.Labels!);
        }
        finally
        {
            Engine.Threads = saved;
        }
    }

    [Fact]
    public void A_sample_gets_the_same_views_in_any_batch_and_fresh_views_each_epoch()
    {
        var data = Images.Dataset(16, s_grey, 4, 2);
        var views = ViewGenerator.TwoViews(AugmentationPresets.SimClr(s_grey, 28), seed: 1);
        var a = views.Generate(data, [3, 5, 9], epoch: 0);
        var b = views.Generate(data, [9, 3], epoch: 0);
        var c = views.Generate(data, [3], epoch: 1);
        Assert.Equal(a.Views[1].Span.Slice(0, 784).ToArray(), b.Views[1].Span.Slice(784, 784).ToArray());
        Assert.NotEqual(a.Views[0].Span.Slice(0, 784).ToArray(), a.Views[1].Span.Slice(0, 784).ToArray());
        Assert.NotEqual(a.Views[0].Span.Slice(0, 784).ToArray(), c.Views[0].Span.Slice(0, 784).ToArray());
    }

    [Fact]
    public void Multi_crop_views_have_their_own_sizes()
    {
        var rgb = new ImageGeometry(3, 32, 32);
        var data = Images.Dataset(5, rgb, 2, 3);
        var batch = new ViewGenerator(AugmentationPresets.MultiCrop(rgb, 24, 12, 2), 0).Generate(data, [0, 1, 2], 0);
        Assert.Equal([3, 3, 24, 24], batch.Views[1].Shape.ToArray());
        Assert.Equal([3, 3, 12, 12], batch.Views[3].Shape.ToArray());
    }

    [Fact]
    public void Curriculum_strength_selects_the_recipe_level()
    {
        var schedule = new CurriculumSchedule(0.2f, 1f, rampEnd: 0.5f);
        Assert.Equal(0.2f, schedule.Strength(0f), 6);
        Assert.Equal(0.6f, schedule.Strength(0.25f), 6);
        Assert.Equal(1f, schedule.Strength(0.9f), 6);
        var views = new ViewGenerator(s => [AugmentationPresets.SimClr(s_grey, 28, s)], schedule, 0);
        Assert.Equal(0.84f, ScaleLowAt(0f), 5);    // strength 0.2: 1 - 0.2 (1 - 0.2)
        Assert.Equal(0.52f, ScaleLowAt(0.25f), 5); // strength 0.6: 1 - 0.6 (1 - 0.2)
        Assert.Same(views.PipelinesAt(0.25f), views.PipelinesAt(0.2501f));

        float ScaleLowAt(float p) => ((RandomResizedCrop)((AugmentationPipeline)views.PipelinesAt(p)[0]).Steps[0].Augmentation).ScaleLow;
    }

    [Fact]
    public void Triplets_have_same_class_positives_and_other_class_negatives()
    {
        var labels = Enumerable.Range(0, 30).Select(i => i % 3).ToArray();
        var t = new TripletGenerator(new LabelIndex(labels), seed: 1).Generate(Enumerable.Range(0, 30).ToArray(), 0, 0);
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(labels[t.Anchor[i]], labels[t.Positive[i]]);
            Assert.NotEqual(t.Anchor[i], t.Positive[i]);
            Assert.NotEqual(labels[t.Anchor[i]], labels[t.Negative[i]]);
        }
    }

    [Fact]
    public void Hardness_routes_negatives_through_the_hard_source()
    {
        // Classes 0,1 form group 0 and classes 2,3 group 1; the hard source picks within the anchor's group.
        var labels = Enumerable.Range(0, 80).Select(i => i % 4).ToArray();
        var index = new LabelIndex(labels);
        var gen = new TripletGenerator(index, 5, new SameGroupNegatives(labels));
        var anchors = Enumerable.Range(0, 80).ToArray();
        var hard = gen.Generate(anchors, 0, 0, hardness: 1f);
        Assert.All(anchors, i => Assert.Equal(labels[i] / 2, labels[hard.Negative[i]] / 2));
        var easy = gen.Generate(anchors, 0, 1, hardness: 0f);
        Assert.Contains(anchors, i => labels[i] / 2 != labels[easy.Negative[i]] / 2);
    }

    private sealed class SameGroupNegatives(int[] labels) : IHardNegativeSource
    {
        public bool TryPick(int anchor, Rng rng, out int negative)
        {
            var candidates = Enumerable.Range(0, labels.Length).Where(i => labels[i] / 2 == labels[anchor] / 2 && labels[i] != labels[anchor]).ToArray();
            negative = candidates[rng.NextInt(candidates.Length)];
            return true;
        }
    }

    [Fact]
    public void Neighbour_negatives_pick_a_different_class_neighbour_or_decline()
    {
        int[] labels = [0, 0, 1, 1];
        var source = new NeighbourNegatives(new LabelIndex(labels), [1, 2, 0, 3, 3, 0, 2, 1], k: 2);
        Assert.True(source.TryPick(0, new Rng(1), out var n0));
        Assert.Equal(2, n0);
        Assert.True(source.TryPick(1, new Rng(1), out var n1));
        Assert.Equal(3, n1);
        var sameOnly = new NeighbourNegatives(new LabelIndex(labels), [1, 1, 0, 0, 3, 3, 2, 2], k: 2);
        Assert.False(sameOnly.TryPick(0, new Rng(1), out _));
    }

    [Fact]
    public void Tabular_views_keep_the_anchor_and_corrupt_the_other()
    {
        var values = Enumerable.Range(0, 40).Select(i => (float)i).ToArray();
        var table = new TabularDataset(values, 10, 4, null, ["a", "b", "c", "d"], "t");
        var gen = new TabularViewGenerator([null, new ScarfCorruption(table, 0.5f)], 9);
        var batch = gen.Generate(table, [2, 7], epoch: 0);
        Assert.Equal([2, 4], batch.Views[1].Shape.ToArray());
        Assert.Equal(table.Row(7).ToArray(), batch.Views[0].Span.Slice(4, 4).ToArray());
    }
}
