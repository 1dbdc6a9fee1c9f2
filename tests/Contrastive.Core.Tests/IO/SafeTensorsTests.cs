using Contrastive.IO;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.IO;

/// <summary>safetensors round trips, the PyTorch-written bench checkpoint and atomic writes.</summary>
public sealed class SafeTensorsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void F32_and_I64_round_trip_including_empty_and_scalar_tensors()
    {
        var path = _dir.File("a.safetensors");
        (string, Tensor, bool)[] entries =
        [
            ("matrix", Tensor.FromArray([1.5f, -2, 3e-7f, float.MaxValue, -0f, 6], 2, 3), false),
            ("scalar", Tensor.Scalar(42.25f), false),
            ("empty", Tensor.Zeros(0, 4), false),
            ("count", Tensor.FromArray([-3, 0, 16777216], 3), true),
            ("int_scalar", Tensor.Scalar(7), true),
            ("int_empty", Tensor.Zeros(0), true),
        ];
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "é \"quoted\"" };
        SafeTensors.Write(path, entries, metadata);

        var read = SafeTensors.Read(path);
        Assert.Equal(entries.Select(e => e.Item1), read.Entries.Select(e => e.Name));
        foreach (var ((name, expected, isInt), (_, actual, readInt)) in entries.Zip(read.Entries))
        {
            Assert.Equal(isInt, readInt);
            Assert.True(expected.Shape.SequenceEqual(actual.Shape), $"{name} shape");
            Assert.Equal(expected.ToArray(), actual.ToArray());
        }
        Assert.Equal(metadata, read.Metadata);
        Assert.Equal(0L, BitConverter.ToInt64(File.ReadAllBytes(path), 0) % 8); // header padded to 8 bytes
    }

    [Fact]
    public void Bench_checkpoint_written_by_pytorch_has_every_key_dtype_and_shape()
    {
        var content = SafeTensors.Read(ReferenceData.SharedPath("bench_model.safetensors"));
        var expected = new List<(string Name, int[] Shape, bool IsInteger)>();
        void Bn(string prefix, int c)
        {
            foreach (var n in new[] { "weight", "bias", "running_mean", "running_var" }) expected.Add((prefix + n, [c], false));
            expected.Add((prefix + "num_batches_tracked", [], true));
        }
        int[][] conv = [[32, 1, 3, 3], [64, 32, 3, 3], [128, 64, 3, 3]];
        for (var i = 0; i < 3; i++)
        {
            expected.Add(($"encoder.net.{i}.0.weight", conv[i], false));
            Bn($"encoder.net.{i}.1.", conv[i][0]);
        }
        expected.Add(("head.0.weight", [128, 128], false));
        Bn("head.1.", 128);
        expected.Add(("head.3.weight", [64, 128], false));
        expected.Add(("head.3.bias", [64], false));

        Assert.Equal(expected.Select(e => e.Name), content.Entries.Select(e => e.Name));
        foreach (var (e, (name, tensor, isInteger)) in expected.Zip(content.Entries))
        {
            Assert.True(e.Shape.AsSpan().SequenceEqual(tensor.Shape), $"{name}: shape {Shapes.Format(tensor.Shape)}");
            Assert.Equal(e.IsInteger, isInteger);
        }
        var t = content.Tensors;
        Assert.All(t["head.1.running_var"].ToArray(), v => Assert.Equal(1f, v));
        Assert.All(t["encoder.net.0.1.bias"].ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal(0f, t["head.1.num_batches_tracked"].Item());
        var bound = 1f / MathF.Sqrt(128);
        Assert.All(t["head.3.weight"].ToArray(), v => Assert.InRange(v, -bound, bound));
    }

    [Fact]
    public void Rewriting_the_bench_checkpoint_reproduces_the_pytorch_bytes()
    {
        var source = ReferenceData.SharedPath("bench_model.safetensors");
        var copy = _dir.File("bench.safetensors");
        SafeTensors.Write(copy, SafeTensors.Read(source).Entries);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(copy));
    }

    [Fact]
    public void A_write_that_fails_midway_keeps_the_previous_file_and_leaves_no_temp_file()
    {
        var path = _dir.File("model.safetensors");
        SafeTensors.Write(path, [("w", Tensor.FromArray([1, 2, 3], 3), false)]);
        var original = File.ReadAllBytes(path);

        static IEnumerable<(string, Tensor, bool)> Throwing()
        {
            yield return ("a", Tensor.Ones(1000), false);
            throw new IOException("disk unplugged");
        }
        Assert.Equal("disk unplugged", Assert.Throws<IOException>(() => SafeTensors.Write(path, Throwing())).Message);
        Assert.Equal(original, File.ReadAllBytes(path));

        // Fails while writing data: the integer entry comes after 4 MB of floats already written.
        (string, Tensor, bool)[] badInteger = [("big", Tensor.Ones(1 << 20), false), ("n", Tensor.FromArray([1, 1.5f], 2), true)];
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
        Assert.Contains("'a'", Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, [("a", Tensor.Ones(1), false), ("a", Tensor.Ones(1), false)])).Message);
        Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, [("__metadata__", Tensor.Ones(1), false)]));
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }
}
