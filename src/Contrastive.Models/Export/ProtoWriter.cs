using System.Buffers;
using System.Text;

namespace Contrastive.Export;

/// <summary>
/// The protocol-buffers wire format, as much as ONNX needs: each field is a key varint (field number &lt;&lt; 3 | wire
/// type) followed by a varint (type 0), a little-endian 32-bit value (type 5), or a length varint and that many
/// bytes (type 2: strings, bytes and nested messages). Repeated fields are written one key per element.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>An integer field (int32, int64 or enum; negative values take ten bytes, as protobuf specifies).</summary>
    public ProtoWriter Varint(int field, long value)
    {
        Key(field, 0);
        WriteVarint((ulong)value);
        return this;
    }

    /// <summary>A string field (UTF-8).</summary>
    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A bytes field.</summary>
    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Key(field, 2);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    /// <summary>A nested message field, written by <paramref name="write"/>.</summary>
    public ProtoWriter Message(int field, Action<ProtoWriter> write)
    {
        var nested = new ProtoWriter();
        write(nested);
        return Bytes(field, nested._buffer.WrittenSpan);
    }

    /// <summary>The bytes written so far.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private void Key(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        WriteByte((byte)value);
    }

    private void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }
}
