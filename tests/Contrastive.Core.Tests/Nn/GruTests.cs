using Contrastive.Nn;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.Nn;

/// <summary>
/// Gru against PyTorch nn.GRU (tests/reference/gru.json, made by make_gru_vectors.py): the PyTorch state_dict loads
/// strictly, and the output and the gradients of the input and every parameter match, one and two layers, one and two
/// directions, with and without padded rows (PyTorch's pack_padded_sequence); then finite differences.
/// </summary>
public class GruTests
{
    private static readonly string s_file = ReferenceData.PathOf("gru.json");
    private static readonly string[] s_inputs = ["x", "lengths", "out", "upstream"];

    public static TheoryDataNames Cases =>
        new(ReferenceData.Load(s_file).Select(c => c.Name).Where(n => !n.StartsWith("text_", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch_output_and_every_gradient(string name)
    {
        var c = ReferenceData.Load(s_file).Single(k => k.Name == name);
        var x = c.Get("x", requiresGrad: true);
        var gru = new Gru(x.Size(2), (int)c.Param("hidden"), new Rng(1), (int)c.Param("layers"), c.BoolParam("bidirectional"));
        gru.LoadState(c.Tensors.Where(kv => !s_inputs.Contains(kv.Key) && !kv.Key.StartsWith("grad_", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value), strict: true);
        var lengths = c.Get("lengths").ToArray().Select(v => (int)v).ToArray();

        var y = gru.Forward(x, lengths.All(n => n == x.Size(1)) ? null : lengths);
        TensorAssert.Close(c.Get("out"), y, "out");
        y.Backward(c.Get("upstream"));
        TensorAssert.Close(c.Get("grad_x"), x.Grad, "grad_x");
        foreach (var (key, p) in gru.NamedParameters())
            TensorAssert.Close(c.Get("grad_" + key), p.Grad, "grad_" + key);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, new[] { 3, 1 })]
    public void Matches_finite_differences_for_input_and_parameters(bool bidirectional, int[]? lengths)
    {
        var gru = new Gru(3, 4, new Rng(5), layers: 2, bidirectional);
        var x = GradCheck.RandomInput(6, -1, 1, 2, 3, 3);
        GradCheck.Check(t => gru.Forward(t[0], lengths), [x, .. gru.Parameters()]);
    }

    [Fact]
    public void State_keys_are_pytorch_keys_in_pytorch_order()
    {
        var gru = new Gru(3, 4, new Rng(0), layers: 2, bidirectional: true);
        string[] Keys(string s) => [$"weight_ih_{s}", $"weight_hh_{s}", $"bias_ih_{s}", $"bias_hh_{s}"];
        Assert.Equal([.. Keys("l0"), .. Keys("l0_reverse"), .. Keys("l1"), .. Keys("l1_reverse")], gru.StateEntries().Select(e => e.Name));
        Assert.Equal([12, 8], gru.NamedParameters().Single(p => p.Name == "weight_ih_l1").Tensor.Shape.ToArray());
        Assert.Equal(8, gru.OutputSize);
    }

    [Fact]
    public void Padded_steps_output_zero_and_do_not_change_the_real_ones()
    {
        var gru = new Gru(2, 3, new Rng(2), bidirectional: true);
        var x = GradCheck.RandomInput(3, -1, 1, 1, 4, 2);
        var shortRow = gru.Forward(Ops.Narrow(x, 1, 0, 2)).ToArray();
        x.Span[4..].Fill(42f); // steps 2 and 3 become padding
        var padded = gru.Forward(x, [2]).ToArray();
        TensorAssert.Close(shortRow, padded.AsSpan(0, 12), "real steps");
        Assert.All(padded[12..], v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Rejects_bad_shapes_and_lengths()
    {
        var gru = new Gru(2, 3, new Rng(2));
        Assert.Contains("(B, T, 2)", Assert.Throws<ArgumentException>(() => gru.Forward(Tensor.Zeros(1, 4, 3))).Message);
        Assert.Contains("lengths must be in [0, 4]", Assert.Throws<ArgumentException>(() => gru.Forward(Tensor.Zeros(1, 4, 2), [5])).Message);
        Assert.Contains("2 lengths for 1 rows", Assert.Throws<ArgumentException>(() => gru.Forward(Tensor.Zeros(1, 4, 2), [1, 2])).Message);
    }
}
