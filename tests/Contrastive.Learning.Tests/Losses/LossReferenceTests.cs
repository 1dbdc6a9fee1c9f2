using Contrastive.Losses;
using Contrastive.Miners;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Losses;

/// <summary>Every loss against PyTorch (tests/reference/nt_xent, dcl, info_nce_queue, metric_losses, ssl_losses).</summary>
public class LossReferenceTests
{
    public static TheoryDataNames NtXentCases => ReferenceData.Names("nt_xent.json");

    [Theory]
    [MemberData(nameof(NtXentCases))]
    public void NtXent_matches_pytorch(string name)
    {
        var c = ReferenceData.Case("nt_xent.json", name);
        var z1 = c.Get("z1", true);
        var z2 = c.Get("z2", true);
        var loss = NtXentLoss.Compute(z1, z2, (float)c.Param("temperature"));
        CheckScalarAndGrads(c, loss, ("grad_z1", z1), ("grad_z2", z2));
    }

    public static TheoryDataNames DclCases => ReferenceData.Names("dcl.json");

    [Theory]
    [MemberData(nameof(DclCases))]
    public void Decoupled_nt_xent_matches_pytorch(string name)
    {
        var c = ReferenceData.Case("dcl.json", name);
        var z1 = c.Get("z1", true);
        var z2 = c.Get("z2", true);
        var loss = NtXentLoss.Compute(z1, z2, (float)c.Param("temperature"), decoupled: true);
        CheckScalarAndGrads(c, loss, ("grad_z1", z1), ("grad_z2", z2));
    }

    [Fact]
    public void InfoNce_with_queue_matches_pytorch()
    {
        var c = ReferenceData.Case("info_nce_queue.json", "info_nce_queue_n4_d8_k10_t0.2");
        var q = c.Get("q", true);
        var k = c.Get("k", true);
        var queue = c.Get("queue", true);
        var loss = InfoNceLoss.Compute(q, k, queue, (float)c.Param("temperature"));
        CheckScalarAndGrads(c, loss, ("grad_q", q), ("grad_k", k), ("grad_queue", queue));
    }

    [Fact]
    public void Triplet_margin_matches_pytorch()
    {
        var c = ReferenceData.Case("metric_losses.json", "triplet_margin_1.0");
        var a = c.Get("a", true);
        var p = c.Get("p", true);
        var n = c.Get("n", true);
        var loss = TripletMarginLoss.Compute(a, p, n, (float)c.Param("margin"));
        CheckScalarAndGrads(c, loss, ("grad_a", a), ("grad_p", p), ("grad_n", n));
    }

    [Fact]
    public void Batch_hard_triplet_matches_pytorch()
    {
        var c = ReferenceData.Case("metric_losses.json", "batch_hard_triplet_margin_0.5");
        var e = c.Get("e", true);
        var loss = TripletMarginLoss.Compute(e, c.IntArrayParam("labels"), new BatchHardMiner(), (float)c.Param("margin"));
        CheckScalarAndGrads(c, loss, ("grad_e", e));
    }

    [Fact]
    public void Contrastive_margin_matches_pytorch()
    {
        var c = ReferenceData.Case("metric_losses.json", "contrastive_margin_2.0");
        var x1 = c.Get("x1", true);
        var x2 = c.Get("x2", true);
        var same = c.IntArrayParam("same").Select(v => (float)v).ToArray();
        var loss = ContrastiveMarginLoss.Compute(x1, x2, same, (float)c.Param("margin"));
        CheckScalarAndGrads(c, loss, ("grad_x1", x1), ("grad_x2", x2));
    }

    [Fact]
    public void SupCon_matches_pytorch()
    {
        var c = ReferenceData.Case("ssl_losses.json", "supcon_t0.1");
        var z = c.Get("z", true);
        var loss = SupConLoss.Compute(z, c.IntArrayParam("labels"), (float)c.Param("temperature"));
        CheckScalarAndGrads(c, loss, ("grad_z", z));
    }

    [Fact]
    public void Byol_matches_pytorch()
    {
        var c = ReferenceData.Case("ssl_losses.json", "byol_regression");
        var p = c.Get("p", true);
        var z = c.Get("z", true);
        CheckScalarAndGrads(c, ByolLoss.Compute(p, z), ("grad_p", p), ("grad_z", z));
    }

    [Fact]
    public void Clip_matches_pytorch()
    {
        var c = ReferenceData.Case("ssl_losses.json", "clip_symmetric");
        var img = c.Get("img", true);
        var txt = c.Get("txt", true);
        var scale = c.Get("logit_scale", true);
        CheckScalarAndGrads(c, ClipLoss.Compute(img, txt, scale), ("grad_img", img), ("grad_txt", txt), ("grad_logit_scale", scale));
    }

    [Fact]
    public void Barlow_twins_matches_pytorch()
    {
        var c = ReferenceData.Case("ssl_losses.json", "barlow_twins_lambda_0.005");
        var z1 = c.Get("z1", true);
        var z2 = c.Get("z2", true);
        CheckScalarAndGrads(c, BarlowTwinsLoss.Compute(z1, z2, (float)c.Param("lambda")), ("grad_z1", z1), ("grad_z2", z2));
    }

    private static void CheckScalarAndGrads(ReferenceCase c, Tensor loss, params (string Name, Tensor Input)[] grads)
    {
        TensorAssert.Close(c.Get("out").Item(), loss.Item(), "loss");
        loss.Backward(c.Get("upstream"));
        foreach (var (name, input) in grads) TensorAssert.Close(c.Get(name), input.Grad, name);
    }
}
