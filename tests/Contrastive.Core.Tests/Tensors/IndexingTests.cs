using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Tensors;

/// <summary>Concat, Narrow, IndexSelect, Gather, MaskedFill, Max and Embedding: values, gradients and errors.</summary>
public class IndexingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Concat_matches_finite_differences(int dim)
    {
        int[] sa = [2, 3, 4], sb = [2, 3, 4];
        sb[dim] = 1;
        var a = GradCheck.RandomInput(51, -1f, 1f, sa);
        var b = GradCheck.RandomInput(52, -1f, 1f, sb);
        GradCheck.Check(t => Ops.Concat([t[0], t[1], t[0]], dim), [a, b]);
    }

    [Fact]
    public void Concat_places_blocks_in_order()
    {
        var a = Tensor.FromArray([1, 2, 3, 4], 2, 2);
        var b = Tensor.FromArray([5, 6], 2, 1);
        Assert.Equal([1f, 2f, 5f, 3f, 4f, 6f], Ops.Concat([a, b], 1).ToArray());
        Assert.Equal([4, 2], Ops.Concat([a, a], 0).Shape.ToArray());
    }

    [Fact]
    public void Concat_shape_mismatch_names_the_shapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.Concat([Tensor.Zeros(2, 3), Tensor.Zeros(4, 5)], 0));
        Assert.Contains("(2, 3)", ex.Message);
        Assert.Contains("(4, 5)", ex.Message);
        Assert.Throws<ArgumentException>(() => Ops.Concat([], 0));
    }

    [Fact]
    public void Narrow_matches_finite_differences_and_slices_rows()
    {
        var x = GradCheck.RandomInput(53, -1f, 1f, 4, 3, 2);
        GradCheck.Check(t => Ops.Narrow(t[0], 0, 1, 2), [x]);
        GradCheck.Check(t => Ops.Narrow(t[0], 1, 2, 1), [x]);
        GradCheck.Check(t => Ops.Narrow(t[0], -1, 0, 1), [x]);
        var m = Tensor.FromArray([1, 2, 3, 4, 5, 6], 3, 2);
        Assert.Equal([3f, 4f, 5f, 6f], Ops.Narrow(m, 0, 1, 2).ToArray());
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Narrow(m, 0, 2, 2));
        Assert.Contains("(3, 2)", ex.Message);
    }

    [Fact]
    public void IndexSelect_scatter_adds_repeated_rows()
    {
        var x = GradCheck.RandomInput(54, -1f, 1f, 4, 3);
        GradCheck.Check(t => Ops.IndexSelect(t[0], [2, 0, 2, 3, 2]), [x]);
        var m = Tensor.Parameter([1, 2, 3, 4], 2, 2);
        var y = Ops.IndexSelect(m, [1, 1, 0]);
        Assert.Equal([3f, 4f, 3f, 4f, 1f, 2f], y.ToArray());
        Ops.Sum(y).Backward();
        Assert.Equal([1f, 1f, 2f, 2f], m.Grad!.ToArray());
        var ex = Assert.Throws<ArgumentException>(() => Ops.IndexSelect(m, [0, 2]));
        Assert.Contains("indices[1] = 2", ex.Message);
    }

    [Fact]
    public void Gather_picks_one_element_per_row()
    {
        var x = GradCheck.RandomInput(55, -1f, 1f, 3, 4);
        GradCheck.Check(t => Ops.Gather(t[0], [3, 0, 3]), [x]);
        var m = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal([3f, 4f], Ops.Gather(m, [2, 0]).ToArray());
        Assert.Throws<ArgumentException>(() => Ops.Gather(m, [3, 0]));
        Assert.Throws<ArgumentException>(() => Ops.Gather(m, [0]));
    }

    [Fact]
    public void MaskedFill_fills_and_blocks_the_gradient()
    {
        var x = GradCheck.RandomInput(56, -1f, 1f, 3, 3);
        bool[] diagonal = [true, false, false, false, true, false, false, false, true];
        GradCheck.Check(t => Ops.MaskedFill(t[0], diagonal, -5f), [x]);
        var y = Ops.MaskedFill(x, diagonal, float.NegativeInfinity);
        Assert.Equal(float.NegativeInfinity, y[1, 1]);
        Assert.Equal(x[0, 1], y[0, 1]);
        x.ZeroGrad();
        Ops.Sum(Ops.Softmax(y, 1) * Tensor.Randn(new Rng(1), 3, 3)).Backward();
        Assert.Equal(0f, x.Grad![2, 2]);
        Assert.All(x.Grad.ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.Throws<ArgumentException>(() => Ops.MaskedFill(x, [true], 0f));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Max_matches_finite_differences(int dim)
    {
        // Distinct values spaced well beyond the finite-difference step, so no tie is crossed.
        var x = Tensor.FromArray(Enumerable.Range(0, 24).Select(i => (i * 7 % 24) * 0.1f).ToArray(), 2, 3, 4);
        x.RequiresGrad = true;
        GradCheck.Check(t => Ops.Max(t[0], dim), [x]);
        GradCheck.Check(t => Ops.Max(t[0], dim, keepDim: true), [x]);
    }

    [Fact]
    public void Max_returns_first_argmax_on_ties_and_routes_the_gradient_there()
    {
        var x = Tensor.Parameter([1, 5, 5, 7, 7, 2], 2, 3);
        var rows = Ops.MaxWithIndices(x, 1);
        Assert.Equal([5f, 7f], rows.Values.ToArray());
        Assert.Equal([1, 0], rows.Indices);
        rows.Values.Backward(Tensor.FromArray([1f, 2f], 2));
        Assert.Equal([0f, 1f, 0f, 2f, 0f, 0f], x.Grad!.ToArray());
        var cols = Ops.MaxWithIndices(x.Detach(), 0, keepDim: true);
        Assert.Equal([1, 3], cols.Values.Shape.ToArray());
        Assert.Equal([7f, 7f, 5f], cols.Values.ToArray());
        Assert.Equal([1, 1, 0], cols.Indices);
        Assert.Equal(2, Ops.MaxWithIndices(Tensor.FromArray([1f, 3f, float.NaN, 4f], 4), 0).Indices[0]);
    }

    [Fact]
    public void Embedding_matches_pytorch()
    {
        var c = ReferenceData.Case("embedding.json", "embedding");
        var w = c.Get("w", requiresGrad: true);
        var y = Ops.Embedding(w, c.IntArrayParam("indices"), c.IntArrayParam("indices_shape"));
        TensorAssert.Close(c.Get("out"), y, "out");
        y.Backward(c.Get("upstream"));
        TensorAssert.Close(c.Get("grad_w"), w.Grad, "grad_w");
    }

    [Fact]
    public void Embedding_matches_finite_differences_and_rejects_bad_indices()
    {
        var w = GradCheck.RandomInput(57, -1f, 1f, 4, 3);
        GradCheck.Check(t => Ops.Embedding(t[0], [0, 3, 3, 1], [2, 2]), [w]);
        var ex = Assert.Throws<ArgumentException>(() => Ops.Embedding(w, [0, 4], [2]));
        Assert.Contains("indices[1] = 4", ex.Message);
        Assert.Contains("[0, 4)", ex.Message);
        Assert.Throws<ArgumentException>(() => Ops.Embedding(w, [0, 1, 2], [2, 2]));
    }
}
