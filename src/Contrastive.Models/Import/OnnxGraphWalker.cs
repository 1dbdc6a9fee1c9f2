using Contrastive.Tensors;

namespace Contrastive.Import;

/// <summary>
/// Follows an <see cref="OnnxModel"/>'s data flow from value to value, so an importer can match the graph's structure
/// against a module's, whatever order the file lists parallel branches in. Every step checks the operator it expects
/// and, when the graph holds something else, throws an <see cref="InvalidDataException"/> naming the first node that
/// does not map.
/// </summary>
internal sealed class OnnxGraphWalker
{
    private readonly OnnxModel _model;
    private readonly Dictionary<string, List<OnnxNode>> _consumers = [];
    private readonly HashSet<OnnxNode> _mapped = [];

    public OnnxGraphWalker(OnnxModel model)
    {
        _model = model;
        foreach (var node in model.Nodes)
            foreach (var input in node.Inputs.Where(i => i.Length > 0))
            {
                if (!_consumers.TryGetValue(input, out var list)) _consumers[input] = list = [];
                list.Add(node);
            }
    }

    /// <summary>The graph's one run-time input.</summary>
    /// <exception cref="InvalidDataException">The graph has no run-time input or several.</exception>
    public string SingleInput() => _model.Inputs.Count == 1
        ? _model.Inputs[0]
        : throw new InvalidDataException($"the graph has {_model.Inputs.Count} run-time inputs ({string.Join(", ", _model.Inputs)}); expected one");

    /// <summary>The graph input named <paramref name="name"/>, if the graph has it.</summary>
    public bool HasInput(string name) => _model.Inputs.Contains(name);

    /// <summary>The nodes that read <paramref name="value"/> and are not mapped yet.</summary>
    public IReadOnlyList<OnnxNode> Consumers(string value) =>
        _consumers.TryGetValue(value, out var list) ? [.. list.Where(n => !_mapped.Contains(n))] : [];

    /// <summary>The one unmapped node reading <paramref name="value"/> with operator <paramref name="opType"/>, marked mapped.</summary>
    /// <param name="value">The value the node must read.</param>
    /// <param name="opType">The operator expected.</param>
    /// <param name="what">What the node stands for in our model, for the message (<c>layer1.0.conv1</c>).</param>
    /// <exception cref="InvalidDataException">No such node: the message names the node found instead.</exception>
    /// <param name="match">A further condition on the node (a convolution's kernel size, say), or null.</param>
    public OnnxNode Next(string value, string opType, string what, Func<OnnxNode, bool>? match = null) =>
        TryNext(value, opType, match) ?? throw Mismatch(value, opType, what);

    /// <summary>Like <see cref="Next"/>, but null when no such node reads <paramref name="value"/>.</summary>
    public OnnxNode? TryNext(string value, string opType, Func<OnnxNode, bool>? match = null)
    {
        var node = Consumers(value).FirstOrDefault(n => n.OpType == opType && (match?.Invoke(n) ?? true));
        if (node is not null) _mapped.Add(node);
        return node;
    }

    /// <summary>The error for a graph that does not continue from <paramref name="value"/> with <paramref name="opType"/>.</summary>
    public InvalidDataException Mismatch(string value, string opType, string what)
    {
        var found = Consumers(value);
        return found.Count == 0
            ? new InvalidDataException($"no node reads '{value}' where {what} expects a {opType} node")
            : new InvalidDataException($"{found[0].Label} does not map: {what} expects a {opType} node reading '{value}'");
    }

    /// <summary>The constant input <paramref name="index"/> of <paramref name="node"/>.</summary>
    /// <exception cref="InvalidDataException">The input is absent or not a constant.</exception>
    public OnnxTensor Constant(OnnxNode node, int index, string what) =>
        index < node.Inputs.Count && _model.Constants.TryGetValue(node.Inputs[index], out var tensor)
            ? tensor
            : throw new InvalidDataException($"{node.Label} does not map: input {index} should be the constant {what}");

    /// <summary>Whether input <paramref name="index"/> of <paramref name="node"/> is a constant.</summary>
    public bool IsConstant(OnnxNode node, int index) => index < node.Inputs.Count && _model.Constants.ContainsKey(node.Inputs[index]);

    /// <summary>The index of <paramref name="node"/>'s one constant input (an Add's or Mul's weight operand, either side).</summary>
    /// <exception cref="InvalidDataException">The node has no constant input.</exception>
    public int ConstantOperand(OnnxNode node, string what)
    {
        for (var i = 0; i < node.Inputs.Count; i++)
            if (IsConstant(node, i)) return i;
        throw new InvalidDataException($"{node.Label} does not map: it should apply the constant {what}");
    }

    /// <summary>The single float value of constant input <paramref name="index"/> (a scale, an epsilon).</summary>
    /// <exception cref="InvalidDataException">The input is not a one-element float constant.</exception>
    public float Scalar(OnnxNode node, int index, string what) =>
        Constant(node, index, what).Floats is [var value]
            ? value
            : throw new InvalidDataException($"{node.Label} does not map: input {index} should be the scalar {what}");

    /// <summary>Copies the (in, out) matrix of a MatMul's constant input <paramref name="index"/> into the (out, in)
    /// weight <paramref name="target"/>, as PyTorch's Linear stores it.</summary>
    /// <exception cref="InvalidDataException">The constant is missing or not the transpose of the target's shape.</exception>
    public void CopyTransposed(OnnxNode node, int index, Tensor target, string what)
    {
        var source = Constant(node, index, what);
        int rows = target.Size(0), cols = target.Size(1);
        if (source.Floats is not { } values || source.Dims.Count != 2 || source.Dims[0] != cols || source.Dims[1] != rows)
            throw new InvalidDataException($"{node.Label} does not map: {what} has shape [{string.Join(", ", source.Dims)}] in the graph, expected [{cols}, {rows}] (the transpose of {Shapes.Format(target.Shape)})");
        var span = target.Span;
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++) span[r * cols + c] = values[c * rows + r];
    }

    /// <summary>Marks <paramref name="node"/> as mapped (a node found another way than by <see cref="Next"/>).</summary>
    public void Mark(OnnxNode node) => _mapped.Add(node);

    /// <summary>The node that computes <paramref name="value"/>, or null for a graph input or constant.</summary>
    public OnnxNode? Producer(string value) => _model.Nodes.FirstOrDefault(n => n.Outputs.Contains(value));

    /// <summary>Whether <paramref name="value"/> is one of the graph's outputs.</summary>
    public bool IsOutput(string value) => _model.Outputs.Contains(value);

    /// <summary>Copies constant input <paramref name="index"/> of <paramref name="node"/> into <paramref name="target"/>.</summary>
    /// <exception cref="InvalidDataException">The constant is missing or its shape differs from the target's.</exception>
    public void Copy(OnnxNode node, int index, Tensor target, string what)
    {
        var source = Constant(node, index, what);
        if (source.Floats is not { } values || !source.Dims.Select(d => (int)d).SequenceEqual(target.Shape.ToArray()))
            throw new InvalidDataException($"{node.Label} does not map: {what} has shape [{string.Join(", ", source.Dims)}] in the graph but {Shapes.Format(target.Shape)} in the model");
        target.CopyFrom(values);
    }

    /// <summary>Fails if a node of the graph was never mapped, naming the first.</summary>
    /// <exception cref="InvalidDataException">A node is left over.</exception>
    public void EnsureAllMapped()
    {
        var left = _model.Nodes.FirstOrDefault(n => !_mapped.Contains(n));
        if (left is not null) throw new InvalidDataException($"{left.Label} does not map: the model has nothing left for it");
    }
}
