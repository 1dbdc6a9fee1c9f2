using System.Runtime.InteropServices;
using Contrastive.Tensors;

namespace Contrastive.Export;

/// <summary>
/// An ONNX inference graph under construction: float32 initializers, nodes in topological order, one float input and
/// one float output whose first dimension is the batch ("N"). <see cref="ToModel"/> serialises it as an ONNX
/// ModelProto (IR version 7, default-domain opset 13); the field numbers are those of onnx/onnx.proto.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>The default-domain operator set the graph uses.</summary>
    public const int Opset = 13;

    private const int IrVersion = 7;
    private const int FloatType = 1; // TensorProto.DataType.FLOAT
    private readonly List<(string Name, Tensor Value)> _initializers = [];
    private readonly List<Node> _nodes = [];

    /// <summary>Adds a constant tensor and returns its name, <paramref name="kind"/> numbered in order of addition.</summary>
    public string Constant(string kind, Tensor value)
    {
        var name = $"{kind}_{_initializers.Count}";
        _initializers.Add((name, value));
        return name;
    }

    /// <summary>Adds a node computing <paramref name="opType"/> of <paramref name="inputs"/>; returns its output's name.</summary>
    public string Add(string opType, IReadOnlyList<string> inputs, params Attribute[] attributes)
    {
        var output = $"{opType.ToLowerInvariant()}_{_nodes.Count}";
        _nodes.Add(new Node(opType, inputs, output, attributes));
        return output;
    }

    /// <summary>The model: <paramref name="input"/> of shape (N, <paramref name="inputShape"/>...) to the value
    /// <paramref name="result"/>, renamed <paramref name="output"/>, of shape (N, <paramref name="outputDim"/>).</summary>
    /// <exception cref="InvalidOperationException"><paramref name="result"/> is not the last node's output.</exception>
    public byte[] ToModel(string input, IReadOnlyList<int> inputShape, string result, string output, int outputDim, string graphName, string producer)
    {
        if (_nodes.Count == 0 || _nodes[^1].Output != result) throw new InvalidOperationException($"the graph's result {result} is not computed by its last node");
        _nodes[^1] = _nodes[^1] with { Output = output };
        var model = new ProtoWriter()
            .Varint(1, IrVersion)
            .String(2, producer)
            .Message(7, graph =>
            {
                foreach (var node in _nodes) graph.Message(1, node.Write);
                graph.String(2, graphName);
                foreach (var (name, value) in _initializers) graph.Message(5, tensor => WriteTensor(tensor, name, value));
                graph.Message(11, info => WriteValueInfo(info, input, inputShape));
                graph.Message(12, info => WriteValueInfo(info, output, [outputDim]));
            })
            .Message(8, opset => opset.String(1, "").Varint(2, Opset));
        return model.ToArray();
    }

    private static void WriteTensor(ProtoWriter tensor, string name, Tensor value)
    {
        foreach (var dim in value.Shape) tensor.Varint(1, dim);
        tensor.Varint(2, FloatType).String(8, name);
        // raw_data is little-endian float32, which is this machine's (and every .NET target's) layout
        tensor.Bytes(9, MemoryMarshal.AsBytes(value.Span));
    }

    /// <summary>A ValueInfoProto of a float tensor of shape (N, <paramref name="shape"/>...).</summary>
    private static void WriteValueInfo(ProtoWriter info, string name, IReadOnlyList<int> shape) =>
        info.String(1, name).Message(2, type => type.Message(1, tensor => tensor
            .Varint(1, FloatType)
            .Message(2, dims =>
            {
                dims.Message(1, dim => dim.String(2, "N"));
                foreach (var size in shape) dims.Message(1, dim => dim.Varint(1, size));
            })));

    /// <summary>A node attribute: an integer or a list of integers.</summary>
    public sealed record Attribute(string Name, long? Int = null, IReadOnlyList<long>? Ints = null)
    {
        /// <summary>An integer attribute.</summary>
        public static Attribute Integer(string name, long value) => new(name, Int: value);

        /// <summary>A list-of-integers attribute.</summary>
        public static Attribute Integers(string name, params long[] values) => new(name, Ints: values);

        private const int IntType = 2, IntsType = 7; // AttributeProto.AttributeType

        /// <summary>Writes the AttributeProto.</summary>
        public void Write(ProtoWriter attribute)
        {
            attribute.String(1, Name);
            if (Int is { } i) attribute.Varint(3, i).Varint(20, IntType);
            else
            {
                foreach (var value in Ints ?? []) attribute.Varint(8, value);
                attribute.Varint(20, IntsType);
            }
        }
    }

    private sealed record Node(string OpType, IReadOnlyList<string> Inputs, string Output, Attribute[] Attributes)
    {
        public void Write(ProtoWriter node)
        {
            foreach (var input in Inputs) node.String(1, input);
            node.String(2, Output).String(3, Output).String(4, OpType);
            foreach (var attribute in Attributes) node.Message(5, attribute.Write);
        }
    }
}
