using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Nn;

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
        encoder.LoadState(Pretrained(name, config.BackboneShape(), config.Readout()).StateEntries().ToDictionary(e => e.Name, e => e.Tensor), strict: true);
    }

    /// <summary>Freezes the whole encoder (<see cref="TrainConfig.FreezeEncoder"/>) or all of it but its last
    /// <see cref="TrainConfig.TrainBlocks"/> blocks; the heads always train.</summary>
    /// <exception cref="ArgumentException">Blocks are asked for from an encoder that has none, or more than it has.</exception>
    public static void Freeze(ContrastiveMethod method, TrainConfig config)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(config);
        var encoder = method.Model.Encoder;
        if (config.FreezeEncoder) method.Freeze(encoder, []);
        else if (config.TrainBlocks is { } n)
        {
            var blocks = (encoder as IBlockEncoder)?.Blocks
                ?? throw new ArgumentException($"--train-blocks needs an encoder made of blocks (resnet18, {ImageNetResNet18.Name}), not --arch {config.Arch}");
            if (n > blocks.Count) throw new ArgumentException($"--train-blocks {n}: --arch {config.Arch} has {blocks.Count} blocks");
            method.Freeze(encoder, [.. blocks.Skip(blocks.Count - n)]);
        }
    }
}
