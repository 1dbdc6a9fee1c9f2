using System.Buffers.Binary;

namespace Contrastive.Import;

/// <summary>
/// Reads the protocol-buffers wire format, the counterpart of <see cref="Export.ProtoWriter"/>: a message is a run of
/// fields, each a key varint (field number &lt;&lt; 3 | wire type) followed by a varint (type 0), a 64-bit value
/// (type 1), a length-delimited run of bytes (type 2: strings, bytes, nested and packed repeated fields) or a 32-bit
/// value (type 5).
/// </summary>
internal static class ProtoReader
{
    /// <summary>One field of a message: its number, wire type, integer value (types 0, 1, 5) and bytes (type 2).</summary>
    public readonly record struct Field(int Number, int WireType, ulong Value, ReadOnlyMemory<byte> Bytes);

    /// <summary>The fields of <paramref name="message"/>, in order.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed message.</exception>
    public static IEnumerable<Field> Fields(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = ReadVarint(message.Span, ref position);
            int number = (int)(key >> 3), wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    yield return new Field(number, 0, ReadVarint(message.Span, ref position), default);
                    break;
                case 1:
                    yield return new Field(number, 1, BinaryPrimitives.ReadUInt64LittleEndian(Take(message, ref position, 8).Span), default);
                    break;
                case 2:
                    var length = ReadVarint(message.Span, ref position);
                    if (length > (ulong)(message.Length - position)) throw Malformed(position);
                    yield return new Field(number, 2, 0, Take(message, ref position, (int)length));
                    break;
                case 5:
                    yield return new Field(number, 5, BinaryPrimitives.ReadUInt32LittleEndian(Take(message, ref position, 4).Span), default);
                    break;
                default:
                    throw new InvalidDataException($"protobuf: unsupported wire type {wireType} for field {number} at byte {position}");
            }
        }
    }

    /// <summary>The varints of a packed repeated field (or one unpacked element, when <paramref name="field"/> is a varint).</summary>
    public static IEnumerable<long> Varints(Field field)
    {
        if (field.WireType == 0)
        {
            yield return (long)field.Value;
            yield break;
        }
        var position = 0;
        while (position < field.Bytes.Length) yield return (long)ReadVarint(field.Bytes.Span, ref position);
    }

    private static ReadOnlyMemory<byte> Take(ReadOnlyMemory<byte> message, ref int position, int count)
    {
        if (count > message.Length - position) throw Malformed(position);
        var slice = message.Slice(position, count);
        position += count;
        return slice;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= bytes.Length) throw Malformed(position);
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw Malformed(position);
    }

    private static InvalidDataException Malformed(int position) => new($"protobuf: truncated or malformed message at byte {position}");
}
