using System.Buffers.Binary;
using System.Text;

namespace Contrastive.Learning.Tests.Export;

/// <summary>
/// Reads back the parts of an ONNX ModelProto the exporter writes, straight from the protobuf wire format and the
/// field numbers of onnx/onnx.proto, independently of the exporter's own code.
/// </summary>
internal sealed class OnnxModelReader
{
    public long IrVersion { get; private set; }
    public List<(string Domain, long Version)> Opsets { get; } = [];
    public List<OnnxNode> Nodes { get; } = [];
    public Dictionary<string, (long[] Dims, float[] Data)> Initializers { get; } = [];
    public List<(string Name, object[] Dims)> Inputs { get; } = [];
    public List<(string Name, object[] Dims)> Outputs { get; } = [];

    public static OnnxModelReader Read(byte[] model)
    {
        var reader = new OnnxModelReader();
        foreach (var (field, value, bytes) in Fields(model))
        {
            switch (field)
            {
                case 1: reader.IrVersion = value; break;
                case 7: reader.ReadGraph(bytes); break;
                case 8:
                    string domain = "";
                    long version = 0;
                    foreach (var (f, v, b) in Fields(bytes)) (domain, version) = f == 1 ? (Encoding.UTF8.GetString(b), version) : f == 2 ? (domain, v) : (domain, version);
                    reader.Opsets.Add((domain, version));
                    break;
            }
        }
        return reader;
    }

    private void ReadGraph(byte[] graph)
    {
        foreach (var (field, _, bytes) in Fields(graph))
        {
            switch (field)
            {
                case 1: Nodes.Add(ReadNode(bytes)); break;
                case 5: ReadInitializer(bytes); break;
                case 11: Inputs.Add(ReadValueInfo(bytes)); break;
                case 12: Outputs.Add(ReadValueInfo(bytes)); break;
            }
        }
    }

    private static OnnxNode ReadNode(byte[] node)
    {
        var (inputs, outputs, op) = (new List<string>(), new List<string>(), "");
        var attributes = new Dictionary<string, long[]>();
        foreach (var (field, _, bytes) in Fields(node))
        {
            switch (field)
            {
                case 1: inputs.Add(Encoding.UTF8.GetString(bytes)); break;
                case 2: outputs.Add(Encoding.UTF8.GetString(bytes)); break;
                case 4: op = Encoding.UTF8.GetString(bytes); break;
                case 5:
                    var name = "";
                    var values = new List<long>();
                    foreach (var (f, v, b) in Fields(bytes))
                    {
                        if (f == 1) name = Encoding.UTF8.GetString(b);
                        else if (f is 3 or 8) values.Add(v); // i, ints
                    }
                    attributes[name] = [.. values];
                    break;
            }
        }
        return new OnnxNode(op, inputs, outputs, attributes);
    }

    private void ReadInitializer(byte[] tensor)
    {
        var (dims, name, raw, type) = (new List<long>(), "", Array.Empty<byte>(), 0L);
        foreach (var (field, value, bytes) in Fields(tensor))
        {
            switch (field)
            {
                case 1: dims.Add(value); break;
                case 2: type = value; break;
                case 8: name = Encoding.UTF8.GetString(bytes); break;
                case 9: raw = bytes; break;
            }
        }
        Assert.Equal(1, type); // FLOAT
        var data = new float[raw.Length / 4];
        for (var i = 0; i < data.Length; i++) data[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(4 * i));
        Initializers[name] = ([.. dims], data);
    }

    /// <summary>A ValueInfoProto: name and dims (a long for dim_value, a string for dim_param).</summary>
    private static (string, object[]) ReadValueInfo(byte[] info)
    {
        var name = "";
        var dims = new List<object>();
        foreach (var (field, _, bytes) in Fields(info))
        {
            if (field == 1) name = Encoding.UTF8.GetString(bytes);
            if (field != 2) continue;
            var tensorType = Fields(bytes).Single(f => f.Field == 1).Bytes;
            Assert.Equal(1, Fields(tensorType).Single(f => f.Field == 1).Value); // elem_type FLOAT
            foreach (var dim in Fields(Fields(tensorType).Single(f => f.Field == 2).Bytes))
            {
                var (f, v, b) = Fields(dim.Bytes).Single();
                dims.Add(f == 1 ? v : Encoding.UTF8.GetString(b));
            }
        }
        return (name, [.. dims]);
    }

    /// <summary>The fields of a message: number, varint value (wire types 0 and 5) and bytes (wire type 2).</summary>
    private static List<(int Field, long Value, byte[] Bytes)> Fields(byte[] message)
    {
        var fields = new List<(int, long, byte[])>();
        var position = 0;
        while (position < message.Length)
        {
            var key = Varint(message, ref position);
            var (field, wire) = ((int)(key >> 3), (int)(key & 7));
            switch (wire)
            {
                case 0: fields.Add((field, (long)Varint(message, ref position), [])); break;
                case 2:
                    var length = (int)Varint(message, ref position);
                    fields.Add((field, 0, message.AsSpan(position, length).ToArray()));
                    position += length;
                    break;
                case 5:
                    fields.Add((field, BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(position)), []));
                    position += 4;
                    break;
                default: throw new InvalidDataException($"unexpected wire type {wire} for field {field}");
            }
        }
        return fields;
    }

    private static ulong Varint(byte[] data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}

/// <summary>One NodeProto: op type, inputs, outputs and integer attributes.</summary>
internal sealed record OnnxNode(string OpType, List<string> Inputs, List<string> Outputs, Dictionary<string, long[]> Attributes);
