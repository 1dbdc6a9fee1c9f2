using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Contrastive.Tensors;
using Microsoft.Win32.SafeHandles;

namespace Contrastive.IO;

public static partial class SafeTensors
{
    private const long MaxHeaderBytes = 100_000_000;
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly string[] s_otherDtypes = ["F64", "F16", "BF16", "F8_E4M3", "F8_E5M2", "I32", "I16", "U64", "U32", "U16", "U8", "BOOL"];

    private sealed record Entry(string Name, SafeTensorsDtype Dtype, int[] Shape, int Count, long Begin, long End);

    /// <summary>
    /// Reads a safetensors file, validating the header completely before reading any data: header
    /// length, UTF-8, JSON, dtypes, shapes against offsets, and that the tensors tile the data section
    /// exactly (no overlap, gap or trailing bytes); then the <see cref="ChecksumKey"/> checksum when the file has one
    /// (the returned metadata leaves it out).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is malformed; the message names the file and the problem.</exception>
    public static SafeTensorsContent Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors I/O needs a little-endian machine");
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        var fileLength = RandomAccess.GetLength(handle);
        if (fileLength < 8) throw Bad(path, $"the file is {fileLength} bytes, shorter than the 8-byte header length");
        Span<byte> lengthBytes = stackalloc byte[8];
        ReadExactly(handle, lengthBytes, 0, path);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > (ulong)(fileLength - 8))
            throw Bad(path, $"the header length {headerLength} goes beyond the end of the file ({fileLength} bytes)");
        if (headerLength > MaxHeaderBytes) throw Bad(path, $"the header length {headerLength} exceeds the {MaxHeaderBytes}-byte limit");
        var header = new byte[headerLength];
        ReadExactly(handle, header, 8, path);

        var (entries, metadata) = ParseHeader(header, path);
        var dataStart = 8 + (long)headerLength;
        CheckLayout(entries, fileLength - dataStart, path);
        VerifyChecksum(handle, entries, metadata, dataStart, fileLength - dataStart, path);

        var result = new List<(string, Tensor, SafeTensorsDtype)>(entries.Count);
        foreach (var e in entries)
        {
            var data = new float[e.Count];
            var offset = dataStart + e.Begin;
            switch (e.Dtype)
            {
                case SafeTensorsDtype.F32: ReadExactly(handle, MemoryMarshal.AsBytes(data.AsSpan()), offset, path); break;
                case SafeTensorsDtype.I64: ReadIntegers<long>(handle, data, offset, path); break;
                default: ReadIntegers<sbyte>(handle, data, offset, path); break;
            }
            result.Add((e.Name, new Tensor(data, e.Shape), e.Dtype));
        }
        return new SafeTensorsContent(result, metadata);
    }

    /// <summary>Checks that the entries, sorted by offset, tile [0, dataLength) exactly; sorts them.</summary>
    private static void CheckLayout(List<Entry> entries, long dataLength, string path)
    {
        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long expected = 0;
        foreach (var e in entries)
        {
            if (e.End > dataLength)
                throw Bad(path, $"tensor '{e.Name}' has data_offsets [{e.Begin}, {e.End}] outside the data section ({dataLength} bytes)");
            if (e.Begin < expected) throw Bad(path, $"tensor '{e.Name}' at [{e.Begin}, {e.End}] overlaps the previous tensor, which ends at {expected}");
            if (e.Begin > expected) throw Bad(path, $"bytes [{expected}, {e.Begin}) before tensor '{e.Name}' belong to no tensor (ranges must be contiguous)");
            expected = e.End;
        }
        if (expected != dataLength) throw Bad(path, $"{dataLength - expected} trailing bytes after the last tensor");
    }

    private static (List<Entry> Entries, Dictionary<string, string> Metadata) ParseHeader(byte[] header, string path)
    {
        string text;
        try { text = s_strictUtf8.GetString(header); }
        catch (DecoderFallbackException) { throw Bad(path, "the header is not valid UTF-8"); }
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException e) { throw Bad(path, $"the header is not valid JSON ({e.Message})"); }
        using (doc)
        {
            try
            {
                return ParseObject(doc.RootElement, path);
            }
            catch (InvalidOperationException e)
            {
                // What JsonElement throws when a name or string holds an escaped lone surrogate ("\ud800").
                throw Bad(path, $"the header holds a string that is not valid text ({e.Message})");
            }
        }
    }

    private static (List<Entry> Entries, Dictionary<string, string> Metadata) ParseObject(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object) throw Bad(path, "the header is not a JSON object");
        var entries = new List<Entry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name)) throw Bad(path, $"the name '{property.Name}' appears twice in the header");
            if (property.Name == MetadataKey) ReadMetadata(property.Value, metadata, path);
            else entries.Add(ParseEntry(property.Name, property.Value, path));
        }
        return (entries, metadata);
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string path)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Bad(path, $"{MetadataKey} is not a JSON object");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String) throw Bad(path, $"{MetadataKey} value '{item.Name}' is not a string");
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!)) throw Bad(path, $"{MetadataKey} key '{item.Name}' appears twice");
        }
    }

    private static Entry ParseEntry(string name, JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Bad(path, $"tensor '{name}' is not a JSON object");
        var dtype = value.TryGetProperty("dtype", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : throw Bad(path, $"tensor '{name}' has no string \"dtype\"");
        var storage = dtype switch
        {
            "F32" => SafeTensorsDtype.F32,
            "I64" => SafeTensorsDtype.I64,
            "I8" => SafeTensorsDtype.I8,
            _ when s_otherDtypes.Contains(dtype) => throw Bad(path, $"tensor '{name}' has dtype {dtype}, which is not supported (only F32, I64 and I8)"),
            _ => throw Bad(path, $"tensor '{name}' has unknown dtype '{dtype}' (only F32, I64 and I8 are supported)"),
        };
        var shape = Integers(value, "shape", name, path);
        var offsets = Integers(value, "data_offsets", name, path);
        if (offsets.Length != 2) throw Bad(path, $"tensor '{name}' has {offsets.Length} data_offsets instead of 2");
        long count = 1;
        foreach (var s in shape)
            if (s > int.MaxValue || (count *= s) > int.MaxValue) throw Bad(path, $"tensor '{name}' has shape [{string.Join(", ", shape)}], too many elements");
        var bytes = count * ElementBytes(storage);
        if (offsets[1] < offsets[0] || offsets[1] - offsets[0] != bytes)
            throw Bad(path, $"tensor '{name}' of shape [{string.Join(", ", shape)}] and dtype {dtype} needs {bytes} bytes but data_offsets [{offsets[0]}, {offsets[1]}] span {offsets[1] - offsets[0]}");
        return new Entry(name, storage, shape.Select(s => (int)s).ToArray(), (int)count, offsets[0], offsets[1]);
    }

    private static long[] Integers(JsonElement entry, string field, string name, string path)
    {
        if (!entry.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
            throw Bad(path, $"tensor '{name}' has no \"{field}\" array");
        return array.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v) && v >= 0 ? v : throw Bad(path, $"tensor '{name}' has a {field} element {e} that is not a non-negative integer"))
            .ToArray();
    }

    /// <summary>Reads <c>destination.Length</c> little-endian integers of type <typeparamref name="T"/> into floats.</summary>
    private static void ReadIntegers<T>(SafeFileHandle handle, float[] destination, long offset, string path)
        where T : unmanaged, IBinaryInteger<T>
    {
        var chunk = new T[Math.Min(destination.Length, 4096)];
        var size = Unsafe.SizeOf<T>();
        for (var start = 0; start < destination.Length; start += chunk.Length)
        {
            var part = chunk.AsSpan(0, Math.Min(chunk.Length, destination.Length - start));
            ReadExactly(handle, MemoryMarshal.AsBytes(part), offset + (long)size * start, path);
            for (var i = 0; i < part.Length; i++) destination[start + i] = float.CreateTruncating(part[i]);
        }
    }

    private static void ReadExactly(SafeFileHandle handle, Span<byte> buffer, long offset, string path)
    {
        while (!buffer.IsEmpty)
        {
            var n = RandomAccess.Read(handle, buffer, offset);
            if (n == 0) throw Bad(path, $"the file ended at byte {offset} while reading (was it truncated while being read?)");
            buffer = buffer[n..];
            offset += n;
        }
    }

    private static InvalidDataException Bad(string path, string problem) => new($"safetensors file '{path}': {problem}");
}
