using Contrastive.IO;
using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Nn;

/// <summary>Module checkpoints through safetensors files.</summary>
public sealed class ModuleCheckpointTests : IDisposable
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
        ModuleCheckpoint.Save(saved, path, new Dictionary<string, string> { ["method"] = "simclr" });

        var read = SafeTensors.Read(path);
        // PyTorch's state_dict order: own parameters, own buffers, then children.
        Assert.Equal(["num_batches_tracked", "fc.weight", "fc.bias"], read.Entries.Select(e => e.Name));
        Assert.Equal(SafeTensorsDtype.I64, read.Entries[0].Dtype);

        var loaded = new Tracked(new Rng(2));
        var metadata = ModuleCheckpoint.Load(loaded, path);
        Assert.Equal("simclr", metadata["method"]);
        Assert.Equal(saved.Fc.Weight.ToArray(), loaded.Fc.Weight.ToArray());
        Assert.Equal(saved.Fc.Bias!.ToArray(), loaded.Fc.Bias!.ToArray());
        Assert.Equal(17f, loaded.Steps.Item());
    }

    [Fact]
    public void Loading_into_a_different_module_names_the_file_and_keys()
    {
        var path = _dir.File("m.safetensors");
        ModuleCheckpoint.Save(new Linear(3, 2, new Rng(1)), path);
        var ex = Assert.Throws<InvalidDataException>(() => ModuleCheckpoint.Load(new Tracked(new Rng(1)), path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("fc.weight", ex.Message);
        ex = Assert.Throws<InvalidDataException>(() => ModuleCheckpoint.Load(new Linear(4, 2, new Rng(1)), path, strict: false));
        Assert.Contains("'weight'", ex.Message);
    }
}
