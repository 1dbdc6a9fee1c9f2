using Contrastive.IO;
using Contrastive.Nn;
using Contrastive.Optim;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.IO;

/// <summary>Module and optimiser checkpoints through safetensors files.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private sealed class Tracked : Module
    {
        public Tracked(Rng rng)
        {
            Fc = RegisterModule("fc", new Linear(3, 2, rng));
            Steps = RegisterBuffer("num_batches_tracked", Tensor.Zeros(), isInteger: true);
        }

        public Linear Fc { get; }

        public Tensor Steps { get; }

        public override Tensor Forward(Tensor input) => Fc.Forward(input);
    }

    [Fact]
    public void Module_round_trips_with_integer_buffers_as_i64()
    {
        var path = _dir.File("m.safetensors");
        var saved = new Tracked(new Rng(1));
        saved.Steps.CopyFrom([17]);
        Checkpoint.SaveModule(saved, path, new Dictionary<string, string> { ["method"] = "simclr" });

        var read = SafeTensors.Read(path);
        // PyTorch's state_dict order: own parameters, own buffers, then children.
        Assert.Equal(["num_batches_tracked", "fc.weight", "fc.bias"], read.Entries.Select(e => e.Name));
        Assert.Equal(SafeTensorsDtype.I64, read.Entries[0].Dtype);

        var loaded = new Tracked(new Rng(2));
        var metadata = Checkpoint.LoadModule(loaded, path);
        Assert.Equal("simclr", metadata["method"]);
        Assert.Equal(saved.Fc.Weight.ToArray(), loaded.Fc.Weight.ToArray());
        Assert.Equal(saved.Fc.Bias!.ToArray(), loaded.Fc.Bias!.ToArray());
        Assert.Equal(17f, loaded.Steps.Item());
    }

    [Fact]
    public void Loading_into_a_different_module_names_the_file_and_keys()
    {
        var path = _dir.File("m.safetensors");
        Checkpoint.SaveModule(new Linear(3, 2, new Rng(1)), path);
        var ex = Assert.Throws<InvalidDataException>(() => Checkpoint.LoadModule(new Tracked(new Rng(1)), path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("fc.weight", ex.Message);
        ex = Assert.Throws<InvalidDataException>(() => Checkpoint.LoadModule(new Linear(4, 2, new Rng(1)), path, strict: false));
        Assert.Contains("'weight'", ex.Message);
    }

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
                Checkpoint.SaveOptimizer(opt, path);
                resumedW = Tensor.Parameter(w.Span, 2, 3);
                resumed = new AdamW([resumedW], lr: 0.05f);
                Checkpoint.LoadOptimizer(resumed, path);
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
        var ex = Assert.Throws<InvalidDataException>(() => Checkpoint.LoadOptimizer(new Sgd([w], 0.1f, momentum: 0.9f), path));
        Assert.Contains(path, ex.Message);
    }
}
