using Contrastive.IO;
using Contrastive.Optim;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Optim;

/// <summary>An optimiser's state written to a safetensors file and read back, as a training checkpoint does.</summary>
public sealed class OptimizerStateTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Optimizer_state_round_trips_through_a_file_bit_exactly()
    {
        var path = _dir.File("opt.safetensors");
        var rng = new Rng(3);
        var grads = Enumerable.Range(0, 4).Select(_ => Tensor.Randn(rng, 2, 3)).ToArray();
        var w = Tensor.Parameter(Tensor.Randn(rng, 2, 3).Span, 2, 3);
        var opt = new AdamW([w], lr: 0.05f);
        Tensor? resumedW = null;
        AdamW? resumed = null;
        for (var s = 0; s < 4; s++)
        {
            if (s == 2)
            {
                SafeTensors.Write(path, opt.GetState().Select(kv => (kv.Key, kv.Value, SafeTensorsDtype.F32)));
                resumedW = Tensor.Parameter(w.Span, 2, 3);
                resumed = new AdamW([resumedW], lr: 0.05f);
                resumed.LoadState(SafeTensors.Read(path).Tensors);
            }
            w.Grad = grads[s];
            opt.Step();
            if (resumed is not null)
            {
                resumedW!.Grad = grads[s];
                resumed.Step();
            }
        }
        Assert.Equal(w.ToArray(), resumedW!.ToArray());
        Assert.Throws<InvalidDataException>(() => new Sgd([w], 0.1f, momentum: 0.9f).LoadState(SafeTensors.Read(path).Tensors));
    }

    [Fact]
    public void A_cleared_optimizer_steps_as_a_fresh_one_does()
    {
        var rng = new Rng(5);
        var grads = Enumerable.Range(0, 3).Select(_ => Tensor.Randn(rng, 2, 3)).ToArray();
        var start = Tensor.Randn(rng, 2, 3);
        var used = Tensor.Parameter(start.Span, 2, 3);
        var opt = new AdamW([used], lr: 0.05f);
        used.Grad = grads[0];
        opt.Step();
        start.Span.CopyTo(used.Span);

        opt.ClearState();
        Assert.Empty(opt.GetState());
        var fresh = Tensor.Parameter(start.Span, 2, 3);
        var freshOpt = new AdamW([fresh], lr: 0.05f);
        foreach (var grad in grads[1..])
        {
            (used.Grad, fresh.Grad) = (grad, grad);
            opt.Step();
            freshOpt.Step();
        }
        Assert.Equal(fresh.ToArray(), used.ToArray());
    }
}
