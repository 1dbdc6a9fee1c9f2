using System.Text;

namespace Contrastive.Import;

/// <summary>
/// The graph of an ONNX ModelProto as the importer needs it: nodes in file (topological) order, constants by name
/// (initializers and the values of Constant nodes), and the names of the graph's inputs that are not constants.
/// Field numbers are those of onnx/onnx.proto, as <see cref="Export.OnnxGraph"/> writes them.
/// </summary>
public sealed class OnnxModel
{
    private OnnxModel(List<OnnxNode> nodes, Dictionary<string, OnnxTensor> constants, List<string> inputs, List<string> outputs)
    {
        Nodes = nodes;
        Constants = constants;
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>The nodes, Constant nodes excluded, in the order of the file (ONNX requires a topological order).</summary>
    public IReadOnlyList<OnnxNode> Nodes { get; }

    /// <summary>Initializers and Constant nodes' values by the name of the value they define.</summary>
    public IReadOnlyDictionary<string, OnnxTensor> Constants { get; }

    /// <summary>The graph inputs that are fed at run time (not initializers).</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The names of the graph's outputs.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Reads an ONNX file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model the importer can read; the message says why.</exception>
    public static OnnxModel Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"ONNX model not found: {path}", path);
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads ModelProto bytes.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX model with a graph.</exception>
    public static OnnxModel Parse(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!BitConverter.IsLittleEndian) throw new NotSupportedException("ONNX import reads little-endian raw data; this machine is big-endian");
        var graph = ProtoReader.Fields(model).Where(f => f.Number == 7 && f.WireType == 2).Select(f => f.Bytes).LastOrDefault();
        if (graph.IsEmpty) throw new InvalidDataException("not an ONNX model: no graph (ModelProto field 7)");
        var (nodes, constants, inputs, outputs) = (new List<OnnxNode>(), new Dictionary<string, OnnxTensor>(), new List<string>(), new List<string>());
        foreach (var field in ProtoReader.Fields(graph))
        {
            switch (field.Number)
            {
                case 1:
                    var node = ParseNode(field.Bytes);
                    if (node.OpType == "Constant" && node.Attributes.TryGetValue("value", out var value) && value.Tensor is { } constant)
                        constants[node.Outputs[0]] = constant;
                    else nodes.Add(node);
                    break;
                case 5:
                    var tensor = OnnxTensor.Parse(field.Bytes);
                    constants[tensor.Name] = tensor;
                    break;
                case 11 or 12:
                    (field.Number == 11 ? inputs : outputs).Add(Text(ProtoReader.Fields(field.Bytes).FirstOrDefault(f => f.Number == 1).Bytes));
                    break;
            }
        }
        inputs.RemoveAll(constants.ContainsKey);
        return new OnnxModel(nodes, constants, inputs, outputs);
    }

    private static OnnxNode ParseNode(ReadOnlyMemory<byte> proto)
    {
        var (inputs, outputs, attributes) = (new List<string>(), new List<string>(), new Dictionary<string, OnnxAttribute>());
        var (name, op) = ("", "");
        foreach (var field in ProtoReader.Fields(proto))
        {
            switch (field.Number)
            {
                case 1: inputs.Add(Text(field.Bytes)); break;
                case 2: outputs.Add(Text(field.Bytes)); break;
                case 3: name = Text(field.Bytes); break;
                case 4: op = Text(field.Bytes); break;
                case 5:
                    var (key, attribute) = ParseAttribute(field.Bytes);
                    attributes[key] = attribute;
                    break;
            }
        }
        return new OnnxNode(op, name, inputs, outputs, attributes);
    }

    private static (string Name, OnnxAttribute Value) ParseAttribute(ReadOnlyMemory<byte> proto)
    {
        var (name, text) = ("", "");
        var (integer, number) = (0L, 0f);
        var ints = new List<long>();
        OnnxTensor? tensor = null;
        foreach (var field in ProtoReader.Fields(proto))
        {
            switch (field.Number)
            {
                case 1: name = Text(field.Bytes); break;
                case 2: number = BitConverter.UInt32BitsToSingle((uint)field.Value); break;
                case 3: integer = (long)field.Value; break;
                case 4: text = Text(field.Bytes); break;
                case 5: tensor = OnnxTensor.Parse(field.Bytes); break;
                case 8: ints.AddRange(ProtoReader.Varints(field)); break;
            }
        }
        return (name, new OnnxAttribute(integer, number, text, ints, tensor));
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);
}
