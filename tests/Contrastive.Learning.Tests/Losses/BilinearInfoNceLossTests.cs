using Contrastive.Losses;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Losses;

/// <summary>CURL's bilinear InfoNCE against PyTorch (tests/reference/bilinear_info_nce.json) and finite differences.</summary>
public class BilinearInfoNceLossTests
{
    public static TheoryDataNames Cases => ReferenceData.Names("bilinear_info_nce.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch(string name)
    {
        var c = ReferenceData.Case("bilinear_info_nce.json", name);
        var (q, k, w) = (c.Get("q", true), c.Get("k", true), c.Get("w", true));
        var loss = BilinearInfoNceLoss.Compute(q, k, w);
        TensorAssert.Close(c.Get("out").Item(), loss.Item(), "loss");
        loss.Backward(c.Get("upstream"));
        TensorAssert.Close(c.Get("grad_q"), q.Grad, "grad_q");
        TensorAssert.Close(c.Get("grad_k"), k.Grad, "grad_k");
        TensorAssert.Close(c.Get("grad_w"), w.Grad, "grad_w");
    }

    [Fact]
    public void Matches_finite_differences()
    {
        var q = GradCheck.RandomInput(11, -1, 1, 5, 3);
        var k = GradCheck.RandomInput(12, -1, 1, 5, 3);
        var w = GradCheck.RandomInput(13, 0, 1, 3, 3);
        GradCheck.Check(x => BilinearInfoNceLoss.Compute(x[0], x[1], x[2]), [q, k, w]);
    }

    [Fact]
    public void Shapes_that_do_not_fit_are_named()
    {
        var q = Tensor.Zeros(4, 3);
        Assert.Contains("W must be (3, 3)", Assert.Throws<ArgumentException>(() => BilinearInfoNceLoss.Compute(q, q, Tensor.Zeros(3, 2))).Message);
        Assert.Contains("queries and keys", Assert.Throws<ArgumentException>(() => BilinearInfoNceLoss.Compute(q, Tensor.Zeros(4, 2), Tensor.Zeros(3, 3))).Message);
        Assert.Contains("must be (N, D)", Assert.Throws<ArgumentException>(() => BilinearInfoNceLoss.Compute(Tensor.Zeros(3), Tensor.Zeros(3), Tensor.Zeros(3, 3))).Message);
    }
}
