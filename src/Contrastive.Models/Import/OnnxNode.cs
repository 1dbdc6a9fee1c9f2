namespace Contrastive.Import;

/// <summary>One node of an ONNX graph: operator, name, input and output value names, and its attributes.</summary>
/// <param name="OpType">The operator (<c>Conv</c>, <c>MatMul</c>, ...).</param>
/// <param name="Name">The node's name, or "" when it has none.</param>
/// <param name="Inputs">The names of the values it reads ("" for an omitted optional input).</param>
/// <param name="Outputs">The names of the values it writes.</param>
/// <param name="Attributes">Its attributes by name.</param>
public sealed record OnnxNode(string OpType, string Name, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs,
    IReadOnlyDictionary<string, OnnxAttribute> Attributes)
{
    /// <summary>How messages name the node: its name and operator, or its operator and first output.</summary>
    public string Label => Name.Length > 0 ? $"{OpType} node '{Name}'" : $"{OpType} node computing '{(Outputs.Count > 0 ? Outputs[0] : "")}'";

    /// <summary>The integers of attribute <paramref name="name"/>, or <paramref name="fallback"/> when it is absent.</summary>
    public IReadOnlyList<long> Ints(string name, params long[] fallback) =>
        Attributes.TryGetValue(name, out var a) ? a.Ints.Count > 0 ? a.Ints : [a.Int] : fallback;

    /// <summary>The integer attribute <paramref name="name"/>, or <paramref name="fallback"/> when it is absent.</summary>
    public long Int(string name, long fallback) => Attributes.TryGetValue(name, out var a) ? a.Int : fallback;

    /// <summary>The float attribute <paramref name="name"/>, or <paramref name="fallback"/> when it is absent.</summary>
    public float Float(string name, float fallback) => Attributes.TryGetValue(name, out var a) ? a.Float : fallback;
}
