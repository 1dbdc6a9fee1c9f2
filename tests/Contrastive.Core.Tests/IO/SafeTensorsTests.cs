using System.Text.Json.Nodes;
using Contrastive.IO;
using Contrastive.Tensors;
using Contrastive.Testing;
using static Contrastive.IO.SafeTensorsDtype;

namespace Contrastive.Core.Tests.IO;

/// <summary>safetensors round trips, the PyTorch-written bench checkpoint and atomic writes.</summary>
public sealed class SafeTensorsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void F32_I64_and_I8_round_trip_including_empty_and_scalar_tensors()
    {
        var path = _dir.File("a.safetensors");
        (string, Tensor, SafeTensorsDtype)[] entries =
        [
            ("matrix", Tensor.FromArray([1.5f, -2, 3e-7f, float.MaxValue, -0f, 6], 2, 3), F32),
            ("scalar", Tensor.Scalar(42.25f), F32),
            ("empty", Tensor.Zeros(0, 4), F32),
            ("count", Tensor.FromArray([-3, 0, 16777216], 3), I64),
            ("int_scalar", Tensor.Scalar(7), I64),
            ("int_empty", Tensor.Zeros(0), I64),
            ("bytes", Tensor.FromArray([-128, -1, 0, 1, 127], 5), I8),
            ("byte_scalar", Tensor.Scalar(-5), I8),
        ];
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "é \"quoted\"" };
        SafeTensors.Write(path, entries, metadata);

        var read = SafeTensors.Read(path);
        Assert.Equal(entries.Select(e => e.Item1), read.Entries.Select(e => e.Name));
        foreach (var ((name, expected, dtype), (_, actual, readDtype)) in entries.Zip(read.Entries))
        {
            Assert.Equal(dtype, readDtype);
            Assert.True(expected.Shape.SequenceEqual(actual.Shape), $"{name} shape");
            Assert.Equal(expected.ToArray(), actual.ToArray());
        }
        Assert.Equal(metadata, read.Metadata);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(0L, BitConverter.ToInt64(bytes, 0) % 8); // header padded to 8 bytes
        Assert.Equal(6 * 4 + 4 + 3 * 8 + 8 + 5 + 1, bytes.Length - 8 - BitConverter.ToInt64(bytes, 0)); // 1 byte per I8 element
    }

    [Theory]
    [InlineData(I8, 128f)]
    [InlineData(I8, -129f)]
    [InlineData(I8, 0.5f)]
    [InlineData(I8, float.NaN)]
    [InlineData(I64, 9.223372e18f)] // 2^63 in float: one past long.MaxValue
    [InlineData(I64, float.PositiveInfinity)]
    public void Integer_entries_reject_values_their_type_cannot_hold(SafeTensorsDtype dtype, float value)
    {
        var path = _dir.File("x.safetensors");
        var ex = Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, [("v", Tensor.FromArray([0, value], 2), dtype)]));
        Assert.Contains("'v'", ex.Message);
        Assert.Contains("element 1", ex.Message);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void Bench_checkpoint_written_by_pytorch_has_every_key_dtype_and_shape()
    {
        var content = SafeTensors.Read(ReferenceData.PathOf("bench_model.safetensors"));
        var expected = new List<(string Name, int[] Shape, SafeTensorsDtype Dtype)>();
        void Bn(string prefix, int c)
        {
            foreach (var n in new[] { "weight", "bias", "running_mean", "running_var" }) expected.Add((prefix + n, [c], F32));
            expected.Add((prefix + "num_batches_tracked", [], I64));
        }
        int[][] conv = [[32, 1, 3, 3], [64, 32, 3, 3], [128, 64, 3, 3]];
        for (var i = 0; i < 3; i++)
        {
            expected.Add(($"encoder.net.{i}.0.weight", conv[i], F32));
            Bn($"encoder.net.{i}.1.", conv[i][0]);
        }
        expected.Add(("head.0.weight", [128, 128], F32));
        Bn("head.1.", 128);
        expected.Add(("head.3.weight", [64, 128], F32));
        expected.Add(("head.3.bias", [64], F32));

        Assert.Equal(expected.Select(e => e.Name), content.Entries.Select(e => e.Name));
        foreach (var (e, (name, tensor, dtype)) in expected.Zip(content.Entries))
        {
            Assert.True(e.Shape.AsSpan().SequenceEqual(tensor.Shape), $"{name}: shape {Shapes.Format(tensor.Shape)}");
            Assert.Equal(e.Dtype, dtype);
        }
        var t = content.Tensors;
        Assert.All(t["head.1.running_var"].ToArray(), v => Assert.Equal(1f, v));
        Assert.All(t["encoder.net.0.1.bias"].ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal(0f, t["head.1.num_batches_tracked"].Item());
        var bound = 1f / MathF.Sqrt(128);
        Assert.All(t["head.3.weight"].ToArray(), v => Assert.InRange(v, -bound, bound));
    }

    [Fact]
    public void Rewriting_the_bench_checkpoint_reproduces_the_pytorch_bytes_plus_a_checksum()
    {
        var source = ReferenceData.PathOf("bench_model.safetensors");
        var copy = _dir.File("bench.safetensors");
        SafeTensors.Write(copy, SafeTensors.Read(source).Entries);
        var (pytorchHeader, pytorchData) = Split(File.ReadAllBytes(source));
        var (header, data) = Split(File.ReadAllBytes(copy));
        Assert.Equal(pytorchData, data);
        var metadata = header["__metadata__"]!.AsObject();
        Assert.Equal([SafeTensors.ChecksumKey], metadata.Select(kv => kv.Key));
        Assert.Matches("^sha256:[0-9a-f]{64}$", (string)metadata[SafeTensors.ChecksumKey]!);
        header.Remove("__metadata__");
        Assert.True(JsonNode.DeepEquals(pytorchHeader, header), $"{pytorchHeader.ToJsonString()}\n{header.ToJsonString()}");

        static (JsonObject Header, byte[] Data) Split(byte[] file)
        {
            var length = (int)BitConverter.ToInt64(file, 0);
            return (JsonNode.Parse(file.AsSpan(8, length))!.AsObject(), file[(8 + length)..]);
        }
    }

    [Fact]
    public void Every_write_carries_a_checksum_that_reading_verifies()
    {
        var path = _dir.File("model.safetensors");
        var metadata = new Dictionary<string, string> { ["epochs_done"] = "1", [SafeTensors.ChecksumKey] = "sha256:stale" };
        SafeTensors.Write(path, [("w", Tensor.FromArray([1, 2, 3, 4], 2, 2), F32), ("n", Tensor.Scalar(5), I64)], metadata);
        Assert.Equal(new Dictionary<string, string> { ["epochs_done"] = "1" }, SafeTensors.Read(path).Metadata);
        var good = File.ReadAllBytes(path);

        void Corrupt(Action<byte[]> change, string expected)
        {
            var bytes = (byte[])good.Clone();
            change(bytes);
            File.WriteAllBytes(path, bytes);
            var ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));
            Assert.Contains(path, ex.Message);
            Assert.Contains(expected, ex.Message);
        }
        Corrupt(b => b[^1] ^= 1, "checksum mismatch"); // a bit of the I64 entry
        Corrupt(b => b[^12] ^= 0x40, "checksum mismatch"); // a bit of a float
        var text = System.Text.Encoding.UTF8.GetString(good);
        Corrupt(b => b[text.IndexOf("\"1\"", StringComparison.Ordinal) + 1] = (byte)'7', "checksum mismatch"); // a metadata value
        var digit = text.IndexOf("sha256:", StringComparison.Ordinal) + 7;
        Corrupt(b => b[digit] = b[digit] == (byte)'0' ? (byte)'1' : (byte)'0', "checksum mismatch"); // the checksum itself
        Corrupt(b => b[digit] = (byte)'-', "is not 'sha256:' and 64 hex digits");
    }

    [Fact]
    public void A_write_that_fails_midway_keeps_the_previous_file_and_leaves_no_temp_file()
    {
        var path = _dir.File("model.safetensors");
        SafeTensors.Write(path, [("w", Tensor.FromArray([1, 2, 3], 3), F32)]);
        var original = File.ReadAllBytes(path);

        static IEnumerable<(string, Tensor, SafeTensorsDtype)> Throwing()
        {
            yield return ("a", Tensor.Ones(1000), F32);
            throw new IOException("disk unplugged");
        }
        Assert.Equal("disk unplugged", Assert.Throws<IOException>(() => SafeTensors.Write(path, Throwing())).Message);
        Assert.Equal(original, File.ReadAllBytes(path));

        // Fails while writing data: the integer entry comes after 4 MB of floats already written.
        (string, Tensor, SafeTensorsDtype)[] badInteger = [("big", Tensor.Ones(1 << 20), F32), ("n", Tensor.FromArray([1, 1.5f], 2), I64)];
        var ex = Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, badInteger));
        Assert.Contains("'n'", ex.Message);
        Assert.Contains("1.5", ex.Message);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void Write_rejects_repeated_and_reserved_names()
    {
        var path = _dir.File("x.safetensors");
        Assert.Contains("'a'", Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, [("a", Tensor.Ones(1), F32), ("a", Tensor.Ones(1), F32)])).Message);
        Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, [("__metadata__", Tensor.Ones(1), F32)]));
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }
}
