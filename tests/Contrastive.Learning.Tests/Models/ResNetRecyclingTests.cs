using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Models;

/// <summary>The ResNet recycles its intermediates where no graph holds them (inference, frozen early layers) without
/// changing any output or gradient, and never touches its input.</summary>
public class ResNetRecyclingTests
{
    /// <summary>Width 8 at 32 x 32 pixels, batch 8: the stem's and the first stage's activations (65,536 floats) are
    /// large enough for the buffer pool.</summary>
    private static ResNet18 Model() => TrainedStatistics.Apply(new ResNet18(new Rng(31), inChannels: 3, width: 8, blocksPerStage: [2, 2]), 32);

    private static Tensor Input() => Tensor.Uniform(new Rng(33), 0f, 1f, 8, 3, 32, 32);

    [Fact]
    public void Inference_with_recycled_intermediates_matches_the_graph_pass_pass_after_pass()
    {
        var model = Model();
        model.Eval();
        var x = Input();
        var before = x.ToArray();
        var withGraph = model.Forward(x);
        Tensor first, second;
        using (Autograd.NoGrad())
        {
            first = model.Forward(x).Detach();
            second = model.Forward(x);
        }
        TensorAssert.Close(withGraph, first, "no-grad pass", rel: 0, abs: 0);
        TensorAssert.Close(first, second, "second no-grad pass, over recycled buffers", rel: 0, abs: 0);
        Assert.Equal(before, x.ToArray());
    }

    [Fact]
    public void A_frozen_first_stage_gives_the_trained_stage_the_gradients_of_a_fully_recorded_pass()
    {
        var x = Input();
        float[][] Gradients(ResNet18 model)
        {
            foreach (var p in model.Parameters()) p.ZeroGrad();
            Ops.Sum(Ops.Square(model.Forward(x))).Backward();
            return [.. model.Stages[1].Parameters().Select(p => p.Grad!.ToArray())];
        }

        var expected = Gradients(Model());
        var frozen = Model();
        foreach (var p in frozen.Parameters().Except(frozen.Stages[1].Parameters())) p.RequiresGrad = false;
        var once = Gradients(frozen);
        var twice = Gradients(frozen);
        foreach (var (e, (a, b)) in expected.Zip(once.Zip(twice)))
        {
            TensorAssert.Close(e, a, "frozen first stage", rel: 0, abs: 0);
            TensorAssert.Close(a, b, "second step, over recycled buffers", rel: 0, abs: 0);
        }
    }
}
