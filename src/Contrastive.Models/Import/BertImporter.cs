using Contrastive.Models;
using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Import;

/// <summary>
/// Imports the weights of a BERT-style ONNX graph (as Hugging Face transformers exports BERT and MiniLM: Gather
/// embeddings, LayerNorm as ReduceMean/Sub/Pow/Sqrt/Div/Mul/Add or one LayerNormalization node, MatMul + Add
/// projections, scaled dot-product attention with Softmax, erf GELU) into a <see cref="BertTextEncoder"/>, following
/// the data flow from <c>input_ids</c> to the last layer's output, which must be a graph output. The query, key and
/// value projections are told apart by where their results go, and the attention scale is checked against the head
/// count. The pooler and the shape arithmetic around the reshapes are not part of the encoder and are left aside.
/// </summary>
public static class BertImporter
{
    /// <summary>Copies the weights of <paramref name="model"/> into <paramref name="encoder"/>.</summary>
    /// <exception cref="InvalidDataException">The graph does not map onto this encoder; the message names the first node that does not.</exception>
    public static void Import(OnnxModel model, BertTextEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(encoder);
        var graph = new OnnxGraphWalker(model);
        foreach (var input in new[] { "input_ids", "token_type_ids" })
            if (!graph.HasInput(input)) throw new InvalidDataException($"the graph has no input '{input}' (inputs: {string.Join(", ", model.Inputs)})");
        var h = Embeddings(graph, encoder);
        for (var i = 0; i < encoder.Layers.Count; i++) h = Layer(graph, h, encoder.Layers[i], encoder.Options.Heads, $"layers.{i}");
        if (!graph.IsOutput(h))
            throw graph.Consumers(h) is [var next, ..]
                ? new InvalidDataException($"{next.Label} does not map: the encoder has {encoder.Layers.Count} layers and ends at '{h}', which is not a graph output")
                : new InvalidDataException($"the encoder ends at '{h}', which is not a graph output");
    }

    /// <summary>word + token-type + position embeddings (the sums in any order), then LayerNorm.</summary>
    private static string Embeddings(OnnxGraphWalker graph, BertTextEncoder encoder)
    {
        var (words, positions, tokenTypes, norm) = encoder.Embeddings;
        var word = graph.Next("input_ids", "Gather", "word_embeddings", n => graph.IsConstant(n, 0));
        graph.Copy(word, 0, words.Weight, "word_embeddings.weight");
        var type = graph.Next("token_type_ids", "Gather", "token_type_embeddings", n => graph.IsConstant(n, 0));
        graph.Copy(type, 0, tokenTypes.Weight, "token_type_embeddings.weight");
        var (sum, typeAdded, positionAdded) = (word.Outputs[0], false, false);
        while (!typeAdded || !positionAdded)
        {
            var add = graph.Next(sum, "Add", "the embedding sum");
            var other = graph.Producer(add.Inputs[0] == sum ? add.Inputs[1] : add.Inputs[0]);
            if (other == type && !typeAdded) typeAdded = true;
            else if (other is { OpType: "Gather" } && graph.IsConstant(other, 0) && !positionAdded)
            {
                graph.Copy(other, 0, positions.Weight, "position_embeddings.weight");
                graph.Mark(other);
                positionAdded = true;
            }
            else throw new InvalidDataException($"{add.Label} does not map: the embedding sum should add the token-type and position tables");
            sum = add.Outputs[0];
        }
        return LayerNorm(graph, sum, norm, "embeddings_norm");
    }

    private static string Layer(OnnxGraphWalker graph, string h, TransformerEncoderLayer layer, int heads, string name)
    {
        var attention = layer.SelfAttention;
        var projections = graph.Consumers(h).Where(n => n.OpType == "MatMul" && graph.IsConstant(n, 1)).ToList();
        if (projections.Count != 3)
            throw graph.Consumers(h) is [var first, ..]
                ? new InvalidDataException($"{first.Label} does not map: {name}.self_attn expects three MatMul projections of '{h}', found {projections.Count}")
                : new InvalidDataException($"no node reads '{h}' where {name}.self_attn expects its projections");
        var (q, k, v) = ("", "", "");
        foreach (var projection in projections)
        {
            var (slot, heads4d) = Projection(graph, projection, attention, name);
            if (slot == 0) q = heads4d; else if (slot == 1) k = heads4d; else v = heads4d;
        }
        var d = attention.EmbedDim;
        var scores = graph.Next(q, "MatMul", $"{name}.self_attn (query x key)", n => n.Inputs[1] == k).Outputs[0];
        var scale = graph.TryNext(scores, "Div") ?? graph.Next(scores, "Mul", $"{name}.self_attn (scaling by 1/sqrt(head size))");
        var factor = graph.Scalar(scale, 1, "attention scale");
        var expected = MathF.Sqrt(d / heads);
        if (Math.Abs((scale.OpType == "Div" ? factor : 1f / factor) - expected) > 1e-4f * expected)
            throw new InvalidDataException($"{scale.Label} does not map: it scales by {factor}, but {heads} heads of width {d / heads} scale by 1/{expected}");
        var masked = graph.TryNext(scale.Outputs[0], "Add")?.Outputs[0] ?? scale.Outputs[0];
        var weights = graph.Next(masked, "Softmax", $"{name}.self_attn (softmax)").Outputs[0];
        var context = graph.Next(weights, "MatMul", $"{name}.self_attn (weights x value)", n => n.Inputs[1] == v).Outputs[0];
        var merged = graph.Next(graph.Next(context, "Transpose", $"{name}.self_attn (merging heads)").Outputs[0], "Reshape", $"{name}.self_attn (merging heads)").Outputs[0];
        var attended = Linear(graph, merged, attention.OutProj, $"{name}.self_attn.out_proj");
        var y = LayerNorm(graph, Residual(graph, attended, h, name), layer.Norm1, $"{name}.norm1");
        var ff = Gelu(graph, Linear(graph, y, layer.Linear1, $"{name}.linear1"), $"{name} (GELU)");
        return LayerNorm(graph, Residual(graph, Linear(graph, ff, layer.Linear2, $"{name}.linear2"), y, name), layer.Norm2, $"{name}.norm2");
    }

    /// <summary>One of the query, key and value projections: MatMul + Add, reshaped to heads and transposed. Its slot
    /// (0 query, 1 key, 2 value) is told by the transpose (the key's puts the head size before the positions) and by
    /// which side of the next MatMul it feeds. Copies it into that slot of the in-projection.</summary>
    private static (int Slot, string Output) Projection(OnnxGraphWalker graph, OnnxNode matmul, MultiheadAttention attention, string name)
    {
        graph.Mark(matmul);
        var add = graph.Next(matmul.Outputs[0], "Add", $"{name}.self_attn (projection bias)");
        var reshape = graph.Next(add.Outputs[0], "Reshape", $"{name}.self_attn (splitting heads)");
        var transpose = graph.Next(reshape.Outputs[0], "Transpose", $"{name}.self_attn (splitting heads)");
        var output = transpose.Outputs[0];
        var slot = transpose.Ints("perm").SequenceEqual([0L, 2, 3, 1]) ? 1
            : graph.Consumers(output).FirstOrDefault(n => n.OpType == "MatMul") is { } user && user.Inputs[0] == output ? 0 : 2;
        var d = attention.EmbedDim;
        var weight = Tensor.Zeros(d, d);
        graph.CopyTransposed(matmul, 1, weight, $"{name}.self_attn.in_proj_weight[{slot}]");
        weight.Span.CopyTo(attention.InProjWeight.Span.Slice(slot * d * d, d * d));
        var bias = Tensor.Zeros(d);
        graph.Copy(add, graph.ConstantOperand(add, "projection bias"), bias, $"{name}.self_attn.in_proj_bias[{slot}]");
        bias.Span.CopyTo(attention.InProjBias!.Span.Slice(slot * d, d));
        return (slot, output);
    }

    /// <summary>MatMul by a constant (in, out) matrix, then Add of a constant bias; returns the sum.</summary>
    private static string Linear(OnnxGraphWalker graph, string x, Linear linear, string name)
    {
        var matmul = graph.Next(x, "MatMul", name, n => graph.IsConstant(n, 1));
        graph.CopyTransposed(matmul, 1, linear.Weight, $"{name}.weight");
        var add = graph.Next(matmul.Outputs[0], "Add", $"{name} (bias)", n => n.Inputs.Any(i => i != matmul.Outputs[0] && graph.Producer(i) is null));
        graph.Copy(add, graph.ConstantOperand(add, "bias"), linear.Bias!, $"{name}.bias");
        return add.Outputs[0];
    }

    private static string Residual(OnnxGraphWalker graph, string x, string skip, string name) =>
        graph.Next(x, "Add", $"{name} (residual sum)", n => n.Inputs.Contains(skip)).Outputs[0];

    /// <summary>Exact GELU: one Gelu node, or x * 0.5 * (1 + erf(x / sqrt 2)) in either order of the products.</summary>
    private static string Gelu(OnnxGraphWalker graph, string x, string what)
    {
        if (graph.TryNext(x, "Gelu") is { } fused) return fused.Outputs[0];
        var erf = graph.Next(graph.Next(x, "Div", what).Outputs[0], "Erf", what);
        var onePlus = graph.Next(erf.Outputs[0], "Add", what);
        var product = graph.Next(onePlus.Outputs[0], "Mul", what);
        var half = graph.Next(product.Outputs[0], "Mul", what);
        if (!product.Inputs.Contains(x) && !half.Inputs.Contains(x))
            throw new InvalidDataException($"{product.Label} does not map: {what} should multiply by its input '{x}'");
        return half.Outputs[0];
    }

    /// <summary>One LayerNormalization node, or (x - mean) / sqrt(var + eps) * weight + bias spelled out.</summary>
    private static string LayerNorm(OnnxGraphWalker graph, string x, LayerNorm norm, string name)
    {
        if (graph.TryNext(x, "LayerNormalization") is { } fused)
        {
            CheckEps(fused, fused.Float("epsilon", 1e-5f), norm, name);
            graph.Copy(fused, 1, norm.Weight, $"{name}.weight");
            graph.Copy(fused, 2, norm.Bias, $"{name}.bias");
            return fused.Outputs[0];
        }
        var mean = graph.Next(x, "ReduceMean", $"{name} (mean)").Outputs[0];
        var centred = graph.Next(x, "Sub", $"{name} (centring)", n => n.Inputs.Contains(mean)).Outputs[0];
        var variance = graph.Next(graph.Next(centred, "Pow", $"{name} (variance)").Outputs[0], "ReduceMean", $"{name} (variance)").Outputs[0];
        var plusEps = graph.Next(variance, "Add", $"{name} (epsilon)");
        CheckEps(plusEps, graph.Scalar(plusEps, graph.ConstantOperand(plusEps, "epsilon"), "epsilon"), norm, name);
        var deviation = graph.Next(plusEps.Outputs[0], "Sqrt", $"{name} (deviation)").Outputs[0];
        var normalised = graph.Next(centred, "Div", $"{name} (normalising)", n => n.Inputs.Contains(deviation)).Outputs[0];
        var scaled = graph.Next(normalised, "Mul", $"{name}.weight");
        graph.Copy(scaled, graph.ConstantOperand(scaled, "weight"), norm.Weight, $"{name}.weight");
        var shifted = graph.Next(scaled.Outputs[0], "Add", $"{name}.bias");
        graph.Copy(shifted, graph.ConstantOperand(shifted, "bias"), norm.Bias, $"{name}.bias");
        return shifted.Outputs[0];
    }

    private static void CheckEps(OnnxNode node, float eps, LayerNorm norm, string name)
    {
        if (Math.Abs(eps - norm.Eps) > 1e-3f * norm.Eps)
            throw new InvalidDataException($"{node.Label} does not map: epsilon {eps} but {name} uses {norm.Eps}");
    }
}
