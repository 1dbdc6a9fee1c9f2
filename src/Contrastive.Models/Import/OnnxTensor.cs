using System.Runtime.InteropServices;
using Contrastive.Tensors;

namespace Contrastive.Import;

/// <summary>
/// A constant tensor of an ONNX graph (an initializer or a Constant node's value): its name, dimensions and values,
/// float32 or integer (int32 / int64, held as <see cref="long"/>).
/// </summary>
public sealed class OnnxTensor
{
    private const int FloatType = 1, Int32Type = 6, Int64Type = 7; // TensorProto.DataType

    private OnnxTensor(string name, long[] dims, float[]? floats, long[]? integers)
    {
        Name = name;
        Dims = dims;
        Floats = floats;
        Integers = integers;
    }

    /// <summary>The tensor's name in the graph.</summary>
    public string Name { get; }

    /// <summary>The dimensions (empty for a scalar).</summary>
    public IReadOnlyList<long> Dims { get; }

    /// <summary>The values of a float32 tensor, else null.</summary>
    public float[]? Floats { get; }

    /// <summary>The values of an int32 or int64 tensor, else null.</summary>
    public long[]? Integers { get; }

    /// <summary>The float32 values as a tensor of this shape (a scalar becomes shape [1]).</summary>
    /// <exception cref="InvalidDataException">The tensor is not float32.</exception>
    public Tensor ToTensor()
    {
        var values = Floats ?? throw new InvalidDataException($"ONNX tensor '{Name}' is not float32");
        int[] shape = Dims.Count == 0 ? [1] : [.. Dims.Select(d => (int)d)];
        return new Tensor((float[])values.Clone(), shape);
    }

    /// <summary>Parses a TensorProto (field numbers of onnx/onnx.proto); data stored outside the file is refused.</summary>
    /// <exception cref="InvalidDataException">The data type is not float32, int32 or int64, the data lives in an
    /// external file, or the number of values does not match the dimensions.</exception>
    internal static OnnxTensor Parse(ReadOnlyMemory<byte> proto)
    {
        var dims = new List<long>();
        var (name, dataType, external) = ("", 0, false);
        var floats = new List<float>();
        var integers = new List<long>();
        ReadOnlyMemory<byte> raw = default;
        foreach (var field in ProtoReader.Fields(proto))
        {
            switch (field.Number)
            {
                case 1: dims.AddRange(ProtoReader.Varints(field)); break;
                case 2: dataType = (int)field.Value; break;
                case 4: AddFloats(floats, field); break;
                case 5 or 7: integers.AddRange(ProtoReader.Varints(field)); break;
                case 8: name = System.Text.Encoding.UTF8.GetString(field.Bytes.Span); break;
                case 9: raw = field.Bytes; break;
                case 13: external = true; break;
            }
        }
        if (external) throw new InvalidDataException($"ONNX tensor '{name}' keeps its data in an external file; only self-contained models can be imported");
        var count = dims.Aggregate(1L, (a, d) => a * d);
        var tensor = dataType switch
        {
            FloatType => new OnnxTensor(name, [.. dims], raw.IsEmpty ? [.. floats] : MemoryMarshal.Cast<byte, float>(raw.Span).ToArray(), null),
            Int64Type => new OnnxTensor(name, [.. dims], null, raw.IsEmpty ? [.. integers] : MemoryMarshal.Cast<byte, long>(raw.Span).ToArray()),
            Int32Type => new OnnxTensor(name, [.. dims], null, raw.IsEmpty ? [.. integers] : [.. MemoryMarshal.Cast<byte, int>(raw.Span).ToArray().Select(v => (long)v)]),
            _ => throw new InvalidDataException($"ONNX tensor '{name}' has data type {dataType}; the importer reads float32, int32 and int64"),
        };
        var length = tensor.Floats?.Length ?? tensor.Integers!.Length;
        if (length != count) throw new InvalidDataException($"ONNX tensor '{name}' has {length} values for dimensions [{string.Join(", ", dims)}]");
        return tensor;
    }

    private static void AddFloats(List<float> floats, ProtoReader.Field field)
    {
        if (field.WireType == 5) floats.Add(BitConverter.UInt32BitsToSingle((uint)field.Value));
        else floats.AddRange(MemoryMarshal.Cast<byte, float>(field.Bytes.Span).ToArray());
    }
}
