using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Runs;

/// <summary>Transfer learning: pre-trained weights for an encoder (<see cref="TrainConfig.Backbone"/>) and which of it
/// stays frozen (<see cref="TrainConfig.FreezeEncoder"/>, <see cref="TrainConfig.TrainBlocks"/>).</summary>
public static class Backbones
{
    /// <summary>The pre-trained encoder <paramref name="name"/> in <paramref name="shape"/> (input size, stages kept), read
    /// out as <paramref name="readout"/> says.</summary>
    /// <exception cref="ArgumentException">The name is not a known image backbone.</exception>
    /// <exception cref="FileNotFoundException">Its NuGet package is not restored on this machine.</exception>
    public static Module Pretrained(string name, BackboneShape shape, ReadoutGrid readout) => name switch
    {
        ImageNetResNet18.Name => ImageNetResNet18.Pretrained(shape, readout),
        _ => throw new ArgumentException($"unknown backbone '{name}' (expected {string.Join(", ", MethodDefaults.Backbones)})"),
    };

    /// <summary>Copies the pre-trained weights of <paramref name="config"/>'s backbone into <paramref name="encoder"/> (its architecture).</summary>
    /// <exception cref="InvalidOperationException">The config names no backbone.</exception>
    public static void Initialise(Module encoder, TrainConfig config)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(config);
        var name = config.Backbone ?? throw new InvalidOperationException("the config names no backbone");
        LoadEncoder(encoder, Pretrained(name, config.BackboneShape(), config.Readout() with { Adapter = 0 }).StateEntries().ToDictionary(e => e.Name, e => e.Tensor));
    }

    /// <summary>Loads <paramref name="state"/> into <paramref name="encoder"/>, every key matching; an adapter
    /// (<see cref="IEncoder.Adapter"/>) that <paramref name="state"/> lacks, as a pre-trained network or a run without one
    /// does, keeps the weights the run's seed gave it.</summary>
    /// <exception cref="InvalidDataException">A key is missing, unexpected or of another shape.</exception>
    public static void LoadEncoder(Module encoder, IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(state);
        var complete = state.ToDictionary();
        if ((encoder as IEncoder)?.Adapter is { } adapter)
        {
            var own = adapter.StateEntries().Select(e => e.Tensor).ToHashSet(ReferenceEqualityComparer.Instance);
            foreach (var (key, tensor, _) in encoder.StateEntries().Where(e => own.Contains(e.Tensor))) complete.TryAdd(key, tensor);
        }
        encoder.LoadState(complete, strict: true);
    }

    /// <summary>Freezes the whole encoder (<see cref="TrainConfig.FreezeEncoder"/>) or all of it but its last
    /// <see cref="TrainConfig.TrainBlocks"/> blocks; the heads and the encoder's adapter (<see cref="TrainConfig.Adapter"/>) always train.</summary>
    /// <exception cref="ArgumentException">Blocks are asked for from an encoder that has none, or more than it has.</exception>
    public static void Freeze(ContrastiveMethod method, TrainConfig config)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(config);
        var encoder = method.Model.Encoder;
        Module[] adapter = (encoder as IEncoder)?.Adapter is { } layer ? [layer] : [];
        if (config.FreezeEncoder) method.Freeze(encoder, adapter);
        else if (config.TrainBlocks is { } n)
        {
            var blocks = (encoder as IBlockEncoder)?.Blocks
                ?? throw new ArgumentException($"--train-blocks needs an encoder made of blocks (resnet18, {ImageNetResNet18.Name}), not --arch {config.Arch}");
            if (n > blocks.Count) throw new ArgumentException($"--train-blocks {n}: --arch {config.Arch} has {blocks.Count} blocks");
            method.Freeze(encoder, [.. blocks.Skip(blocks.Count - n), .. adapter]);
        }
    }
}
