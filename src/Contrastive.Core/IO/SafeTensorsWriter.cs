using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Contrastive.Tensors;

namespace Contrastive.IO;

public static partial class SafeTensors
{
    /// <summary>
    /// Writes <paramref name="entries"/> (in order) as a safetensors file, each in its storage type, with the
    /// <see cref="ChecksumKey"/> checksum added to the metadata (replacing any given there).
    /// The file is written to a temporary file in the same folder and renamed over <paramref name="path"/>
    /// only when complete, so a failure midway leaves any previous file untouched.
    /// </summary>
    /// <exception cref="ArgumentException">A name is empty, reserved or repeated, or an integer entry holds a value that is
    /// not an integer in its type's range.</exception>
    public static void Write(string path, IEnumerable<(string Name, Tensor Tensor, SafeTensorsDtype Dtype)> entries, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(entries);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors I/O needs a little-endian machine");
        var list = entries.ToList();
        var layout = Layout(list);
        var withChecksum = (metadata ?? new Dictionary<string, string>()).Where(kv => kv.Key != ChecksumKey)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        withChecksum[ChecksumKey] = Checksum(layout, withChecksum, stream => WriteData(stream, list));
        var header = Header(layout, withChecksum);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            WriteData(stream, list);
        });
    }

    /// <summary>Where each entry goes in the data section, in order.</summary>
    private static List<Entry> Layout(List<(string Name, Tensor Tensor, SafeTensorsDtype Dtype)> entries)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var layout = new List<Entry>(entries.Count);
        long offset = 0;
        foreach (var (name, tensor, dtype) in entries)
        {
            if (string.IsNullOrEmpty(name) || name == MetadataKey || !names.Add(name))
                throw new ArgumentException($"safetensors entry name '{name}' is empty, reserved or repeated", nameof(entries));
            var end = offset + (long)tensor.Length * ElementBytes(dtype);
            layout.Add(new Entry(name, dtype, tensor.Shape.ToArray(), tensor.Length, offset, end));
            offset = end;
        }
        return layout;
    }

    /// <summary>The data section: every entry's values in its storage type.</summary>
    private static void WriteData(Stream stream, List<(string Name, Tensor Tensor, SafeTensorsDtype Dtype)> entries)
    {
        foreach (var (name, tensor, dtype) in entries)
        {
            switch (dtype)
            {
                case SafeTensorsDtype.F32: stream.Write(MemoryMarshal.AsBytes(tensor.Span)); break;
                case SafeTensorsDtype.I64: WriteIntegers<long>(stream, name, tensor.Span); break;
                default: WriteIntegers<sbyte>(stream, name, tensor.Span); break;
            }
        }
    }

    /// <summary>The JSON header, padded with spaces to a multiple of 8 bytes (as the reference writer does).</summary>
    private static byte[] Header(List<Entry> layout, IReadOnlyDictionary<string, string> metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject(MetadataKey);
            foreach (var (key, value) in metadata) json.WriteString(key, value);
            json.WriteEndObject();
            foreach (var e in layout)
            {
                json.WriteStartObject(e.Name);
                json.WriteString("dtype", e.Dtype.ToString());
                json.WriteStartArray("shape");
                foreach (var d in e.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(e.Begin);
                json.WriteNumberValue(e.End);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        var padded = new byte[(buffer.WrittenCount + 7) / 8 * 8];
        buffer.WrittenSpan.CopyTo(padded);
        padded.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return padded;
    }

    /// <summary>Writes <paramref name="values"/> as little-endian integers of type <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentException">A value is not an integer that <typeparamref name="T"/> can hold.</exception>
    private static void WriteIntegers<T>(Stream stream, string name, ReadOnlySpan<float> values)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var chunk = new T[Math.Min(values.Length, 512)];
        // The range is [min, limit): T.MaxValue + 1 is a power of two and exact in double (for long, the conversion of
        // MaxValue already rounds up to it).
        var (min, limit) = (double.CreateTruncating(T.MinValue), double.CreateTruncating(T.MaxValue) + 1);
        for (var start = 0; start < values.Length; start += chunk.Length)
        {
            var part = values.Slice(start, Math.Min(chunk.Length, values.Length - start));
            for (var i = 0; i < part.Length; i++)
            {
                var v = part[i];
                if (!float.IsInteger(v) || v < min || v >= limit)
                    throw new ArgumentException($"{typeof(T).Name} entry '{name}' holds {v} at element {start + i}, which is not an integer in [{T.MinValue}, {T.MaxValue}]");
                chunk[i] = T.CreateTruncating(v);
            }
            stream.Write(MemoryMarshal.AsBytes(chunk.AsSpan(0, part.Length)));
        }
    }
}
