using Contrastive.Losses;
using Contrastive.Miners;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Losses;

/// <summary>Finite-difference checks of every loss, and the edge cases that must not produce NaN.</summary>
public class LossGradientTests
{
    private static readonly int[] s_labels = [0, 1, 0, 2, 1, 2];

    [Fact]
    public void Contrastive_losses_match_finite_differences()
    {
        var z1 = GradCheck.RandomInput(1, -1, 1, 6, 4);
        var z2 = GradCheck.RandomInput(2, -1, 1, 6, 4);
        var queue = GradCheck.RandomInput(3, -1, 1, 5, 4);
        GradCheck.Check(x => NtXentLoss.Compute(x[0], x[1], 0.5f), [z1, z2]);
        GradCheck.Check(x => NtXentLoss.Compute(x[0], x[1], 0.5f, decoupled: true), [z1, z2]);
        GradCheck.Check(x => InfoNceLoss.Compute(x[0], x[1], x[2], 0.2f), [z1, z2, queue]);
        GradCheck.Check(x => SupConLoss.Compute(x[0], s_labels, 0.1f), [z1]);
        GradCheck.Check(x => ByolLoss.Compute(x[0], x[1]), [z1, z2]);
        GradCheck.Check(x => ByolLoss.NegativeCosine(x[0], x[1]), [z1, z2]);
        GradCheck.Check(x => BarlowTwinsLoss.Compute(x[0], x[1], 0.1f), [z1, z2]);
    }

    [Fact]
    public void Clip_matches_finite_differences_including_the_logit_scale()
    {
        var img = GradCheck.RandomInput(4, -1, 1, 5, 3);
        var txt = GradCheck.RandomInput(5, -1, 1, 5, 3);
        var scale = Tensor.Parameter([1.5f]);
        GradCheck.Check(x => ClipLoss.Compute(x[0], x[1], x[2]), [img, txt, scale]);
    }

    [Fact]
    public void Clip_logit_scale_is_clamped_at_ln_100()
    {
        var img = Tensor.FromArray([1, 0, 0, 1], 2, 2);
        var huge = Tensor.Parameter([10f]);
        var atMax = Tensor.Parameter([ClipLoss.MaxLogitScale]);
        Assert.Equal(ClipLoss.Compute(img, img, atMax).Item(), ClipLoss.Compute(img, img, huge).Item(), 6);
        ClipLoss.Compute(img, img, huge).Backward();
        Assert.Equal(0f, huge.Grad!.Item());
    }

    [Fact]
    public void Batch_hard_triplet_matches_finite_differences()
    {
        // Mining is piecewise: a small step keeps the hardest negative and the relu side fixed.
        var e = GradCheck.RandomInput(6, -1, 1, 6, 3);
        GradCheck.Check(x => TripletMarginLoss.Compute(x[0], s_labels, new BatchHardMiner(), 0.5f), [e], h: 1e-3);
    }

    [Fact]
    public void Batch_all_triplet_matches_finite_differences_with_a_fixed_active_set()
    {
        // Batch-all averages over the active triplets; a margin larger than every distance keeps all of them
        // active under the finite-difference step, so the average is over a fixed set.
        var e = GradCheck.RandomInput(6, -1, 1, 6, 3);
        GradCheck.Check(x => TripletMarginLoss.Compute(x[0], s_labels, new BatchAllMiner(), 10f), [e]);
    }

    [Fact]
    public void Contrastive_margin_with_mined_pairs_matches_finite_differences()
    {
        // A margin above every distance keeps all negatives active, away from the relu kink.
        var e = GradCheck.RandomInput(6, -1, 1, 6, 3);
        GradCheck.Check(x => ContrastiveMarginLoss.Compute(x[0], s_labels, new HardPairMiner(hardOnly: false), 5f), [e]);
    }

    [Fact]
    public void A_batch_without_positives_gives_zero_loss_and_zero_gradient()
    {
        var e = GradCheck.RandomInput(7, -1, 1, 3, 4);
        int[] distinct = [0, 1, 2];
        foreach (var loss in new[]
        {
            SupConLoss.Compute(e, distinct, 0.1f),
            TripletMarginLoss.Compute(e, distinct, new BatchHardMiner(), 0.2f),
            TripletMarginLoss.Compute(e, distinct, new SemiHardMiner(), 0.2f),
        })
        {
            Assert.Equal(0f, loss.Item());
            e.Grad = null;
            loss.Backward();
            Assert.All(e.Grad!.ToArray(), g => Assert.Equal(0f, g));
        }
    }

    [Fact]
    public void Identical_pairs_give_finite_gradients()
    {
        var x = Tensor.Parameter([1f, 2f, 1f, 2f], 2, 2);
        var loss = ContrastiveMarginLoss.Compute(x, Tensor.FromArray([1f, 2f, 1f, 2f], 2, 2), [1f, 0f], 1f);
        loss.Backward();
        Assert.All(x.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
        Assert.Equal(0.25f, loss.Item(), 5); // the negative pair at distance 0: relu(1 - 0)^2 / 2, averaged over 2 pairs
    }

    [Fact]
    public void Barlow_twins_stays_finite_on_a_constant_dimension()
    {
        var z1 = Tensor.Parameter([1, 5, 1, 6, 1, 7], 3, 2);
        var z2 = Tensor.Parameter([2, 1, 3, 2, 4, 3], 3, 2);
        var loss = BarlowTwinsLoss.Compute(z1, z2);
        loss.Backward();
        Assert.True(float.IsFinite(loss.Item()));
        Assert.All(z1.Grad!.ToArray(), g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void Bad_arguments_name_the_problem()
    {
        var a = Tensor.Zeros(4, 3);
        Assert.Contains("(4, 3)", Assert.Throws<ArgumentException>(() => NtXentLoss.Compute(a, Tensor.Zeros(4, 2), 0.5f)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => NtXentLoss.Compute(a, a, 0f));
        Assert.Contains("labels", Assert.Throws<ArgumentException>(() => SupConLoss.Compute(a, [0, 1], 0.1f)).Message);
    }
}
