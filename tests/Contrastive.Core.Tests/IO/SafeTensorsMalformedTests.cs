using System.Text;
using Contrastive.IO;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.IO;

/// <summary>Every malformed safetensors file is an InvalidDataException naming the file and the problem.</summary>
public sealed class SafeTensorsMalformedTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Raw(byte[] header, int dataBytes, long? declaredHeaderLength = null)
    {
        var path = _dir.File("bad.safetensors");
        using var stream = File.Create(path);
        stream.Write(BitConverter.GetBytes(declaredHeaderLength ?? header.Length));
        stream.Write(header);
        stream.Write(new byte[dataBytes]);
        return path;
    }

    private string Raw(string header, int dataBytes) => Raw(Encoding.UTF8.GetBytes(header), dataBytes);

    private static void Fails(string path, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    private const string F32x2 = "\"dtype\":\"F32\",\"shape\":[2]";

    [Fact]
    public void A_valid_hand_written_file_reads()
    {
        var path = Raw("{\"a\":{" + F32x2 + ",\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[8,16]}}  ", 16);
        Assert.Equal(2, SafeTensors.Read(path).Entries.Count);
    }

    [Fact]
    public void Shorter_than_the_length_prefix()
    {
        var path = _dir.File("short.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);
        Fails(path, "shorter than the 8-byte header length");
    }

    [Fact]
    public void Header_length_beyond_the_file() => Fails(Raw(Encoding.UTF8.GetBytes("{}"), 0, declaredHeaderLength: 1000), "goes beyond the end of the file");

    [Fact]
    public void Header_length_with_the_top_bit_set() => Fails(Raw(Encoding.UTF8.GetBytes("{}"), 0, declaredHeaderLength: long.MinValue), "goes beyond the end of the file");

    [Fact]
    public void Invalid_utf8() => Fails(Raw([(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}'], 0), "not valid UTF-8");

    [Fact]
    public void Invalid_json() => Fails(Raw("{\"a\":{\"dtype\":", 0), "not valid JSON");

    [Fact]
    public void Header_that_is_not_an_object() => Fails(Raw("[1,2]", 0), "not a JSON object");

    [Fact]
    public void Unsupported_dtype_is_named() => Fails(Raw("{\"a\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4), "dtype BF16, which is not supported");

    [Fact]
    public void I8_offsets_are_checked_at_one_byte_per_element() =>
        Fails(Raw("{\"a\":{\"dtype\":\"I8\",\"shape\":[3],\"data_offsets\":[0,4]}}", 4), "dtype I8 needs 3 bytes");

    [Fact]
    public void Unknown_dtype_is_named() => Fails(Raw("{\"a\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4), "unknown dtype 'Q4'");

    [Fact]
    public void Missing_or_bad_fields()
    {
        Fails(Raw("{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "no string \"dtype\"");
        Fails(Raw("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 8), "no \"shape\" array");
        Fails(Raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8), "not a non-negative integer");
        Fails(Raw("{\"a\":{" + F32x2 + ",\"data_offsets\":[0,8,9]}}", 8), "3 data_offsets");
        Fails(Raw("{\"__metadata__\":{\"k\":1}}", 0), "value 'k' is not a string");
    }

    [Fact]
    public void Shape_and_offsets_disagree() => Fails(Raw("{\"a\":{" + F32x2 + ",\"data_offsets\":[0,12]}}", 12), "needs 8 bytes but data_offsets [0, 12] span 12");

    [Fact]
    public void Offsets_outside_the_data_section() => Fails(Raw("{\"a\":{" + F32x2 + ",\"data_offsets\":[8,16]}}", 8), "outside the data section (8 bytes)");

    [Fact]
    public void Overlapping_ranges() => Fails(Raw("{\"a\":{" + F32x2 + ",\"data_offsets\":[0,8]},\"b\":{" + F32x2 + ",\"data_offsets\":[4,12]}}", 12), "'b' at [4, 12] overlaps");

    [Fact]
    public void Non_contiguous_ranges() => Fails(Raw("{\"a\":{" + F32x2 + ",\"data_offsets\":[0,8]},\"b\":{" + F32x2 + ",\"data_offsets\":[12,20]}}", 20), "bytes [8, 12) before tensor 'b' belong to no tensor");

    [Fact]
    public void Duplicate_names() => Fails(Raw("{\"a\":{" + F32x2 + ",\"data_offsets\":[0,8]},\"a\":{" + F32x2 + ",\"data_offsets\":[8,16]}}", 16), "'a' appears twice");

    [Fact]
    public void Trailing_garbage() => Fails(Raw("{\"a\":{" + F32x2 + ",\"data_offsets\":[0,8]}}", 11), "3 trailing bytes after the last tensor");
}
