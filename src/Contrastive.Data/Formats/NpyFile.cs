using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Contrastive.Data.Formats;

/// <summary>
/// NumPy .npy files, format 1.0 and 2.0: magic <c>\x93NUMPY</c>, version, header length (uint16 / uint32),
/// a Python dict literal <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c> padded to a
/// multiple of 64 bytes, then the data. Reads and writes '&lt;f4' and '|u1' in C order only.
/// </summary>
public static partial class NpyFile
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads the .npy file at <paramref name="path"/>.</summary>
    /// <exception cref="DatasetException">Bad magic or version, an unsupported dtype, Fortran order, or a shape that disagrees with the file length.</exception>
    public static NpyArray Read(string path)
    {
        var data = DataFile.ReadRaw(path);
        if (data.Length < 10 || !data.AsSpan(0, 6).SequenceEqual(Magic)) throw new DatasetException(path, "not a .npy file (bad magic)");
        int major = data[6];
        if (major is not (1 or 2)) throw new DatasetException(path, $".npy format version {major}.{data[7]} is not supported (1.0 and 2.0 are)");
        var headerStart = major == 1 ? 10 : 12;
        if (data.Length < headerStart) throw new DatasetException(path, "truncated .npy header");
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(8)) : BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(8));
        if (headerStart + headerLength > data.Length)
            throw new DatasetException(path, $"truncated .npy header: declares {headerLength} bytes, {data.Length - headerStart} remain");
        var header = Encoding.Latin1.GetString(data, headerStart, (int)headerLength);
        var descr = Field(DescrPattern(), header, "descr", path);
        if (Field(FortranPattern(), header, "fortran_order", path) == "True")
            throw new DatasetException(path, "fortran_order is True; only C-order arrays are supported (save with np.ascontiguousarray)");
        var shape = ParseShape(Field(ShapePattern(), header, "shape", path), path);
        var (dtype, itemSize) = descr switch
        {
            "<f4" => (NpyDType.Float32, 4),
            "|u1" or "<u1" or "u1" => (NpyDType.UInt8, 1),
            _ => throw new DatasetException(path, $"dtype '{descr}' is not supported (supported: '<f4', '|u1')"),
        };
        var count = Volume.Of(shape);
        var body = data.AsSpan((int)(headerStart + headerLength));
        if (count > body.Length || body.Length != count * itemSize)
            throw new DatasetException(path, $"shape ({string.Join(", ", shape)}) of '{descr}' needs {(count > body.Length ? "more than " + body.Length : count * itemSize)} bytes of data, the file holds {body.Length}");
        return dtype == NpyDType.Float32
            ? new NpyArray(shape, MemoryMarshal.Cast<byte, float>(body).ToArray(), null, path)
            : new NpyArray(shape, null, body.ToArray(), path);
    }

    /// <summary>Writes float32 <paramref name="data"/> of <paramref name="shape"/> (C order) to <paramref name="path"/>.</summary>
    public static void Write(string path, ReadOnlySpan<float> data, IReadOnlyList<int> shape) =>
        Write(path, "<f4", MemoryMarshal.AsBytes(data), data.Length, shape);

    /// <summary>Writes uint8 <paramref name="data"/> of <paramref name="shape"/> (C order) to <paramref name="path"/>.</summary>
    public static void Write(string path, ReadOnlySpan<byte> data, IReadOnlyList<int> shape) =>
        Write(path, "|u1", data, data.Length, shape);

    private static void Write(string path, string descr, ReadOnlySpan<byte> bytes, int count, IReadOnlyList<int> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(d => d < 0) || Volume.Of(shape) != count)
            throw new ArgumentException($"{path}: shape ({string.Join(", ", shape)}) does not hold {count} elements");
        var dims = string.Join("", shape.Select(d => d.ToString(CultureInfo.InvariantCulture) + ", ")).TrimEnd(' ');
        if (shape.Count > 1) dims = dims.TrimEnd(',');
        var dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        // Pad with spaces and a final newline so that magic + version + length + header is a multiple of 64.
        var prefix = dict.Length + 1 + 10 < 65536 ? 10 : 12;
        var padded = dict.PadRight((prefix + dict.Length + 1 + 63) / 64 * 64 - prefix - 1) + "\n";
        var file = new byte[prefix + padded.Length + bytes.Length];
        Magic.CopyTo(file);
        file[6] = (byte)(prefix == 10 ? 1 : 2);
        if (prefix == 10) BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(8), (ushort)padded.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), (uint)padded.Length);
        Encoding.Latin1.GetBytes(padded, file.AsSpan(prefix));
        bytes.CopyTo(file.AsSpan(prefix + padded.Length));
        DataFile.WriteAtomic(path, gzip: false, s => s.Write(file));
    }

    private static string Field(Regex pattern, string header, string name, string path) =>
        pattern.Match(header) is { Success: true } m ? m.Groups[1].Value
            : throw new DatasetException(path, $".npy header has no valid '{name}' field: {header.Trim()}");

    private static int[] ParseShape(string text, string path)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var shape = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
                throw new DatasetException(path, $".npy shape ({text}) has an invalid dimension '{parts[i]}'");
        return shape;
    }

    [GeneratedRegex("""['"]descr['"]\s*:\s*['"]([^'"]*)['"]""")]
    private static partial Regex DescrPattern();

    [GeneratedRegex("""['"]fortran_order['"]\s*:\s*(True|False)""")]
    private static partial Regex FortranPattern();

    [GeneratedRegex("""['"]shape['"]\s*:\s*\(([^)]*)\)""")]
    private static partial Regex ShapePattern();
}
