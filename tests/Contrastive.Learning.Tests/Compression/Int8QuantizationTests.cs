using Contrastive.Compression;
using Contrastive.IO;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Compression;

/// <summary>Per-channel int8 weights against PyTorch's quantize_per_channel (tests/reference/int8_per_channel.json,
/// made by tests/reference/make_int8_vectors.py), and their safetensors form.</summary>
public sealed class Int8QuantizationTests : IDisposable
{
    private static readonly string s_file = ReferenceData.PathOf("int8_per_channel.json");
    private readonly TempDirectory _dir = new("contrastive-int8");

    public void Dispose() => _dir.Dispose();

    public static TheoryDataNames Cases => new(ReferenceData.Load(s_file).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Levels_and_scales_match_pytorch(string name)
    {
        var c = ReferenceData.Load(s_file).Single(x => x.Name == name);
        var (levels, scale) = Int8Quantization.Quantize(c.Get("weight"));
        Assert.Equal(c.Get("levels").ToArray(), levels.ToArray());
        Assert.Equal(c.Get("scale").Shape.ToArray(), scale.Shape.ToArray());
        TensorAssert.Close(c.Get("scale"), scale, "scale", rel: 1e-7, abs: 0);
        TensorAssert.Close(c.Get("dequantized"), Int8Quantization.Dequantize(levels, scale), "dequantized", rel: 1e-6, abs: 0);
    }

    [Fact]
    public void Each_weight_is_within_half_a_step_and_row_maxima_map_to_127()
    {
        var weight = Tensor.Uniform(new Rng(3), -0.1f, 0.1f, 16, 8, 3, 3);
        var (levels, scale) = Int8Quantization.Quantize(weight);
        var back = Int8Quantization.Dequantize(levels, scale);
        var width = weight.Length / 16;
        for (var r = 0; r < 16; r++)
        {
            var row = levels.Span.Slice(r * width, width).ToArray();
            Assert.All(row, q => Assert.True(float.IsInteger(q) && Math.Abs(q) <= 127, $"level {q}"));
            Assert.Equal(127f, row.Max(Math.Abs));
            for (var i = r * width; i < (r + 1) * width; i++)
                Assert.True(Math.Abs(weight.Span[i] - back.Span[i]) <= scale.Span[r] / 2 * (1 + 1e-5), $"weight {i} off by more than half a step");
        }
    }

    [Fact]
    public void Bad_weights_are_refused()
    {
        Assert.Contains("rank 2", Assert.Throws<ArgumentException>(() => Int8Quantization.Quantize(Tensor.Ones(4))).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => Int8Quantization.Quantize(Tensor.FromArray([1, float.NaN], 1, 2))).Message);
        Assert.Contains("expected (2, 1)", Assert.Throws<ArgumentException>(() => Int8Quantization.Dequantize(Tensor.Ones(2, 3), Tensor.Ones(3, 1))).Message);
    }

    [Fact]
    public void Only_float_weights_of_rank_two_or_more_are_quantised_and_the_file_reads_back()
    {
        (string, Tensor, SafeTensorsDtype)[] entries =
        [
            ("conv.weight", Tensor.Uniform(new Rng(1), -1, 1, 4, 2, 3, 3), SafeTensorsDtype.F32),
            ("conv.bias", Tensor.Uniform(new Rng(2), -1, 1, 4), SafeTensorsDtype.F32),
            ("bn.weight", Tensor.Ones(4), SafeTensorsDtype.F32),
            ("bn.num_batches_tracked", Tensor.Scalar(12), SafeTensorsDtype.I64),
            ("fc.weight", Tensor.Uniform(new Rng(3), -1, 1, 5, 4), SafeTensorsDtype.F32),
        ];
        var stored = Int8Quantization.QuantizeEntries(entries);
        Assert.Equal(["conv.weight", "conv.weight_scale", "conv.bias", "bn.weight", "bn.num_batches_tracked", "fc.weight", "fc.weight_scale"], stored.Select(e => e.Name));
        Assert.Equal([SafeTensorsDtype.I8, SafeTensorsDtype.F32, SafeTensorsDtype.F32, SafeTensorsDtype.F32, SafeTensorsDtype.I64, SafeTensorsDtype.I8, SafeTensorsDtype.F32], stored.Select(e => e.Dtype));

        var path = _dir.File("model.safetensors");
        SafeTensors.Write(path, stored);
        var weights = ModelWeights.Read(path);
        Assert.Equal(entries.Select(e => e.Item1).Order(), weights.Keys.Order());
        foreach (var (name, original, _) in entries)
        {
            var tolerance = name.EndsWith(".weight", StringComparison.Ordinal) && original.Rank >= 2 ? original.ToArray().Max(Math.Abs) / 127 / 2 * 1.0001 : 0;
            Assert.All(original.ToArray().Zip(weights[name].ToArray()), p => Assert.InRange(p.Second, p.First - tolerance, p.First + tolerance));
        }
    }

    [Fact]
    public void A_non_finite_weight_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => Int8Quantization.QuantizeEntries([("fc.weight", Tensor.FromArray([1, float.PositiveInfinity], 1, 2), SafeTensorsDtype.F32)]));
        Assert.Contains("'fc.weight'", error.Message);
        Assert.Contains("holds Infinity in row 0", error.Message);
    }

    [Fact]
    public void An_int8_entry_without_its_scale_is_named()
    {
        var path = _dir.File("broken.safetensors");
        SafeTensors.Write(path, [("fc.weight", Tensor.Ones(2, 2), SafeTensorsDtype.I8)]);
        var error = Assert.Throws<InvalidDataException>(() => ModelWeights.Read(path));
        Assert.Contains("'fc.weight'", error.Message);
        Assert.Contains("fc.weight_scale", error.Message);
        Assert.Contains(path, error.Message);

        SafeTensors.Write(path, [("fc.weight", Tensor.Ones(2, 2), SafeTensorsDtype.I8), ("fc.weight_scale", Tensor.Ones(3), SafeTensorsDtype.F32)]);
        Assert.Contains("does not fit", Assert.Throws<InvalidDataException>(() => ModelWeights.Read(path)).Message);
    }
}
