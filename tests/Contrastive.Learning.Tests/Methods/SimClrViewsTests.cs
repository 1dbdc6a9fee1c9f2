using Contrastive.Losses;
using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Methods;

/// <summary>SimCLR with more than two views: the mean NT-Xent over every pair of views.</summary>
public class SimClrViewsTests
{
    private static Tensor View(int seed) => Tensor.Uniform(new Rng((ulong)seed), 0, 1, 6, 1, 8, 8);

    private static SimClr Method()
    {
        var method = new SimClr(new EmbeddingModel(new BenchEncoder(new Rng(7)), Heads.Projection(new Rng(8), 128, 16, 8)), 0.2f);
        method.Train(false);
        return method;
    }

    [Fact]
    public void Three_views_average_the_three_pairwise_losses()
    {
        var method = Method();
        var views = new[] { View(1), View(2), View(3) };
        var z = views.Select(method.Model.Forward).ToArray();
        var expected = (NtXentLoss.Compute(z[0], z[1], 0.2f).Item() + NtXentLoss.Compute(z[0], z[2], 0.2f).Item()
            + NtXentLoss.Compute(z[1], z[2], 0.2f).Item()) / 3;
        var loss = method.ComputeLoss(new TrainingBatch(views, null, [0, 1, 2, 3, 4, 5], 0)).Item();
        TensorAssert.Close(expected, loss, "3-view loss");
    }

    [Fact]
    public void Two_views_are_plain_nt_xent_and_one_view_is_an_error()
    {
        var method = Method();
        var views = new[] { View(1), View(2) };
        var expected = NtXentLoss.Compute(method.Model.Forward(views[0]), method.Model.Forward(views[1]), 0.2f).Item();
        TensorAssert.Close(expected, method.ComputeLoss(new TrainingBatch(views, null, [0, 1, 2, 3, 4, 5], 0)).Item(), "2-view loss");
        Assert.Throws<ArgumentException>(() => method.ComputeLoss(new TrainingBatch([View(1)], null, [0, 1, 2, 3, 4, 5], 0)));
    }
}
