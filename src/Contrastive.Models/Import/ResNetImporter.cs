using Contrastive.Models;
using Contrastive.Nn;

namespace Contrastive.Import;

/// <summary>
/// Imports the weights of an ONNX ResNet-18 (Conv, BatchNormalization, Relu, MaxPool, Add, then global or 7x7 average
/// pooling, as torchvision or CNTK export it) into a <see cref="ResNet18"/> of the same stem, by following the graph
/// from its input: stem, then each basic block's residual branch and shortcut, then the pooling. Parallel branches may
/// come in any order in the file; anything else stops the import with the first node that does not map. A network of
/// fewer than four stages (a truncated ResNet) takes the weights of the graph's first stages and ignores the rest.
/// </summary>
public static class ResNetImporter
{
    private const int WholeStages = 4;

    /// <summary>Copies the weights and batch-norm statistics of <paramref name="model"/> into <paramref name="network"/>.</summary>
    /// <exception cref="InvalidDataException">The graph is not a ResNet-18 of this stem and width; the message names the
    /// first node that does not map.</exception>
    public static void Import(OnnxModel model, ResNet18 network)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(network);
        var graph = new OnnxGraphWalker(model);
        var (stemConv, stemNorm) = network.StemLayers;
        var x = Relu(graph, ConvNorm(graph, graph.SingleInput(), stemConv, stemNorm, "conv1", "bn1"), "relu");
        if (network.Stem == ResNetStem.ImageNet)
            x = graph.Next(x, "MaxPool", "maxpool", n => Square(n.Ints("kernel_shape"), 3) && Square(n.Ints("strides"), 2) && PadsFit(n, 1, 2)).Outputs[0];
        for (var s = 0; s < network.Stages.Count; s++)
            for (var b = 0; b < network.Stages[s].Layers.Count; b++)
                x = Block(graph, x, (ResNet18.BasicBlock)network.Stages[s].Layers[b], $"layer{s + 1}.{b}");
        if (network.Stages.Count < WholeStages) return;
        var pool = graph.TryNext(x, "GlobalAveragePool")
            ?? graph.TryNext(x, "AveragePool", n => n.Ints("pads", 0, 0, 0, 0).All(p => p == 0))
            ?? throw graph.Mismatch(x, "GlobalAveragePool", "avgpool");
        foreach (var op in new[] { "Flatten", "Reshape", "Squeeze" })
            if (graph.TryNext(pool.Outputs[0], op) is { } flatten) pool = flatten;
        graph.EnsureAllMapped();
    }

    private static string Block(OnnxGraphWalker graph, string x, ResNet18.BasicBlock block, string name)
    {
        var (conv1, bn1, conv2, bn2, shortcut) = block.Layers;
        var h = Relu(graph, ConvNorm(graph, x, conv1, bn1, $"{name}.conv1", $"{name}.bn1"), $"{name}.relu");
        var residual = ConvNorm(graph, h, conv2, bn2, $"{name}.conv2", $"{name}.bn2");
        var skip = shortcut is var (conv, norm) ? ConvNorm(graph, x, conv, norm, $"{name}.downsample.0", $"{name}.downsample.1") : x;
        var add = graph.Next(residual, "Add", $"{name} (residual sum)", n => n.Inputs.Contains(skip));
        return Relu(graph, add.Outputs[0], $"{name}.relu");
    }

    private static string Relu(OnnxGraphWalker graph, string x, string what) => graph.Next(x, "Relu", what).Outputs[0];

    /// <summary>A bias-free Conv of this geometry reading <paramref name="x"/>, then BatchNormalization; returns its output.</summary>
    private static string ConvNorm(OnnxGraphWalker graph, string x, Conv2d conv, BatchNormBase norm, string convName, string normName)
    {
        var node = graph.Next(x, "Conv", $"{convName} ({conv.KernelSize}x{conv.KernelSize}, stride {conv.Stride}, padding {conv.Padding})", n =>
            Square(n.Ints("kernel_shape"), conv.KernelSize) && Square(n.Ints("strides", 1, 1), conv.Stride)
            && PadsFit(n, conv.Padding, conv.Stride) && n.Int("group", 1) == 1 && n.Ints("dilations", 1, 1).All(d => d == 1));
        graph.Copy(node, 1, conv.Weight, $"{convName}.weight");
        if (node.Inputs.Count > 2 && node.Inputs[2].Length > 0 && graph.Constant(node, 2, $"{convName}.bias").Floats!.Any(v => v != 0))
            throw new InvalidDataException($"{node.Label} does not map: {convName} has no bias but the graph's is not zero");
        var bn = graph.Next(node.Outputs[0], "BatchNormalization", normName);
        if (Math.Abs(bn.Float("epsilon", 1e-5f) - norm.Eps) > 1e-9f)
            throw new InvalidDataException($"{bn.Label} does not map: epsilon {bn.Float("epsilon", 1e-5f)} but {normName} uses {norm.Eps}");
        graph.Copy(bn, 1, norm.Weight, $"{normName}.weight");
        graph.Copy(bn, 2, norm.Bias, $"{normName}.bias");
        graph.Copy(bn, 3, norm.RunningMean, $"{normName}.running_mean");
        graph.Copy(bn, 4, norm.RunningVar, $"{normName}.running_var");
        return bn.Outputs[0];
    }

    private static bool Square(IReadOnlyList<long> values, int size) => values.Count == 2 && values[0] == size && values[1] == size;

    /// <summary>
    /// Whether ONNX pads [top, left, bottom, right] compute what symmetric <paramref name="padding"/> computes: the
    /// leading pads must equal it; trailing ones may fall short by up to stride - 1 (CNTK's "same" padding), which
    /// leaves every output unchanged when the input size is a multiple of the stride, as at 224, 112 or 64 pixels.
    /// </summary>
    private static bool PadsFit(OnnxNode node, int padding, int stride)
    {
        if (node.Attributes.TryGetValue("auto_pad", out var auto) && auto.Text is not ("" or "NOTSET")) return false;
        var pads = node.Ints("pads", 0, 0, 0, 0);
        return pads.Count == 4 && pads[0] == padding && pads[1] == padding
            && pads.Skip(2).All(p => p <= padding && p > padding - stride);
    }
}
