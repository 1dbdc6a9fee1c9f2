using Contrastive.Optim;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Optim;

/// <summary>
/// Three optimiser steps from (w0, b0) with stored gradients against PyTorch
/// (tests/reference/optimizers.json), and bit-exact resume from exported state.
/// </summary>
public class OptimizerReferenceTests
{
    public static TheoryDataNames Cases => ReferenceData.Names("optimizers.json");

    /// <summary>The optimiser a reference case describes, over <paramref name="parameters"/>.</summary>
    internal static Optimizer Create(ReferenceCase c, Tensor[] parameters)
    {
        float lr = (float)c.Param("lr"), wd = (float)c.Param("weight_decay", 0);
        if (c.Name.StartsWith("sgd", StringComparison.Ordinal))
            return new Sgd(parameters, lr, (float)c.Param("momentum"), wd, c.BoolParam("nesterov"));
        if (c.Name.StartsWith("lars", StringComparison.Ordinal))
            return new Lars(parameters, lr, (float)c.Param("momentum"), wd, (float)c.Param("eta"));
        var betas = c.Params.GetProperty("betas").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
        var eps = (float)c.Param("eps");
        return c.Name == "adamw"
            ? new AdamW(parameters, lr, betas[0], betas[1], eps, wd)
            : new Adam(parameters, lr, betas[0], betas[1], eps, wd);
    }

    private static void StepWithStoredGrads(Optimizer opt, ReferenceCase c, Tensor w, Tensor b, int step)
    {
        w.Grad = c.Get($"grad_w_step{step}");
        b.Grad = c.Get($"grad_b_step{step}");
        opt.Step();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Three_steps_match_pytorch(string name)
    {
        var c = ReferenceData.Case("optimizers.json", name);
        var w = c.Get("w0", requiresGrad: true);
        var b = c.Get("b0", requiresGrad: true);
        var opt = Create(c, [w, b]);
        for (var s = 0; s < 3; s++) StepWithStoredGrads(opt, c, w, b, s);
        TensorAssert.Close(c.Get("w_final"), w, "w_final");
        TensorAssert.Close(c.Get("b_final"), b, "b_final");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Restored_state_continues_bit_exactly(string name)
    {
        var c = ReferenceData.Case("optimizers.json", name);
        var w = c.Get("w0", requiresGrad: true);
        var b = c.Get("b0", requiresGrad: true);
        var opt = Create(c, [w, b]);
        StepWithStoredGrads(opt, c, w, b, 0);
        StepWithStoredGrads(opt, c, w, b, 1);
        var state = opt.GetState();
        Assert.NotEmpty(state);

        // A fresh optimiser on copies of the parameters, given the saved state.
        var w2 = new Tensor(w.ToArray(), w.Shape, requiresGrad: true);
        var b2 = new Tensor(b.ToArray(), b.Shape, requiresGrad: true);
        var resumed = Create(c, [w2, b2]);
        resumed.LoadState(state);

        StepWithStoredGrads(opt, c, w, b, 2);
        StepWithStoredGrads(resumed, c, w2, b2, 2);
        Assert.Equal(w.ToArray(), w2.ToArray());
        Assert.Equal(b.ToArray(), b2.ToArray());
        TensorAssert.Close(c.Get("w_final"), w2, "w_final after resume");
    }

    [Fact]
    public void Exported_state_is_a_snapshot_with_parameter_shapes()
    {
        var c = ReferenceData.Case("optimizers.json", "adam");
        var w = c.Get("w0", requiresGrad: true);
        var b = c.Get("b0", requiresGrad: true);
        var opt = Create(c, [w, b]);
        StepWithStoredGrads(opt, c, w, b, 0);
        var state = opt.GetState();
        Assert.Equal(["0.exp_avg", "0.exp_avg_sq", "0.step", "1.exp_avg", "1.exp_avg_sq", "1.step"], state.Keys);
        Assert.Equal([4, 3], state["0.exp_avg"].Shape.ToArray());
        Assert.Equal(0, state["1.step"].Rank);
        Assert.Equal(1f, state["1.step"].Item());
        var before = state["0.exp_avg"].ToArray();
        StepWithStoredGrads(opt, c, w, b, 1);
        Assert.Equal(before, state["0.exp_avg"].ToArray());
        Assert.Equal(2f, opt.GetState()["1.step"].Item());
    }

    [Fact]
    public void Loading_foreign_state_names_the_key()
    {
        var w = Tensor.Parameter([1, 2, 3, 4], 2, 2);
        var opt = new Sgd([w], 0.1f, momentum: 0.9f);
        var ex = Assert.Throws<InvalidDataException>(() => opt.LoadState(new Dictionary<string, Tensor> { ["1.momentum_buffer"] = Tensor.Zeros(2, 2) }));
        Assert.Contains("'1.momentum_buffer'", ex.Message);
        ex = Assert.Throws<InvalidDataException>(() => opt.LoadState(new Dictionary<string, Tensor> { ["0.exp_avg"] = Tensor.Zeros(2, 2) }));
        Assert.Contains("'0.exp_avg'", ex.Message);
        ex = Assert.Throws<InvalidDataException>(() => opt.LoadState(new Dictionary<string, Tensor> { ["0.momentum_buffer"] = Tensor.Zeros(4) }));
        Assert.Contains("(4)", ex.Message);
        Assert.Contains("(2, 2)", ex.Message);
    }
}
