using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Tensors;

/// <summary>The fused cross-entropy against PyTorch (cross_entropy.json), the composed formula and finite differences.</summary>
public class CrossEntropyTests
{
    public static TheoryDataNames Cases => ReferenceData.Names("cross_entropy.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch(string name)
    {
        var c = ReferenceData.Case("cross_entropy.json", name);
        var logits = c.Get("logits", requiresGrad: true);
        var loss = Ops.CrossEntropy(logits, c.IntArrayParam("targets"), (float)c.Param("label_smoothing", 0));
        TensorAssert.Close(c.Get("out"), loss, "out");
        loss.Backward(c.Get("upstream"));
        TensorAssert.Close(c.Get("grad_logits"), logits.Grad, "grad_logits");
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.2f)]
    public void Matches_finite_differences(float smoothing)
    {
        var logits = GradCheck.RandomInput(41, -3f, 3f, 4, 6);
        GradCheck.Check(t => Ops.CrossEntropy(t[0], [5, 0, 2, 2], smoothing), [logits]);
    }

    [Fact]
    public void Equals_the_composed_negative_log_likelihood()
    {
        var logits = GradCheck.RandomInput(42, -3f, 3f, 5, 4);
        int[] targets = [3, 1, 0, 3, 2];
        var composed = -Ops.Mean(Ops.Gather(Ops.LogSoftmax(logits, 1), targets));
        TensorAssert.Close(composed, Ops.CrossEntropy(logits, targets), "loss");
    }

    [Fact]
    public void Huge_logits_give_a_finite_loss()
    {
        var logits = Tensor.Parameter([1e4f, -1e4f, 0f, 5e4f], 2, 2);
        var loss = Ops.CrossEntropy(logits, [1, 0]);
        TensorAssert.Close((2e4 + 5e4) / 2, loss.Item(), "loss");
        loss.Backward();
        Assert.All(logits.Grad!.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Out_of_range_target_names_the_index_and_value()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.CrossEntropy(Tensor.Zeros(3, 4), [0, 4, 1]));
        Assert.Contains("targets[1] = 4", ex.Message);
        Assert.Contains("4 classes", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Ops.CrossEntropy(Tensor.Zeros(3, 4), [0, -1, 1]));
        Assert.Contains("targets[1] = -1", ex.Message);
    }

    [Fact]
    public void Target_count_mismatch_names_the_shape()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.CrossEntropy(Tensor.Zeros(3, 4), [0, 1]));
        Assert.Contains("(3, 4)", ex.Message);
    }
}
