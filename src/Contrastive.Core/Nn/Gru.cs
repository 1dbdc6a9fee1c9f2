using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>
/// PyTorch <c>nn.GRU(batch_first=True)</c>: <see cref="Layers"/> stacked GRU layers, each one direction or two
/// (<see cref="Bidirectional"/>: the forward and the reverse outputs concatenated, (B, T, 2H)), computed by
/// <see cref="Ops.GruDirection"/>. State keys match PyTorch: <c>weight_ih_l{k}</c>, <c>weight_hh_l{k}</c>,
/// <c>bias_ih_l{k}</c>, <c>bias_hh_l{k}</c>, and the same with <c>_reverse</c> for the reverse direction, every one
/// initialised U(-1/sqrt(H), 1/sqrt(H)) as PyTorch does. No inter-layer dropout.
/// </summary>
public sealed class Gru : Module
{
    private readonly (Tensor WeightIh, Tensor WeightHh, Tensor BiasIh, Tensor BiasHh)[][] _cells;

    /// <summary>Creates the GRU with parameters drawn from <paramref name="rng"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or the layer count is not positive.</exception>
    public Gru(int inputSize, int hiddenSize, Rng rng, int layers = 1, bool bidirectional = false)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(layers);
        (InputSize, HiddenSize, Layers, Bidirectional) = (inputSize, hiddenSize, layers, bidirectional);
        var directions = bidirectional ? 2 : 1;
        _cells = new (Tensor, Tensor, Tensor, Tensor)[layers][];
        for (var k = 0; k < layers; k++)
        {
            var inputs = k == 0 ? inputSize : directions * hiddenSize;
            _cells[k] = new (Tensor, Tensor, Tensor, Tensor)[directions];
            for (var d = 0; d < directions; d++)
            {
                var suffix = $"_l{k}" + (d == 1 ? "_reverse" : "");
                _cells[k][d] = (
                    RegisterParameter("weight_ih" + suffix, Init.DefaultUniform(rng, hiddenSize, 3 * hiddenSize, inputs)),
                    RegisterParameter("weight_hh" + suffix, Init.DefaultUniform(rng, hiddenSize, 3 * hiddenSize, hiddenSize)),
                    RegisterParameter("bias_ih" + suffix, Init.DefaultUniform(rng, hiddenSize, 3 * hiddenSize)),
                    RegisterParameter("bias_hh" + suffix, Init.DefaultUniform(rng, hiddenSize, 3 * hiddenSize)));
            }
        }
    }

    /// <summary>The input feature size I.</summary>
    public int InputSize { get; }

    /// <summary>The hidden size H of each direction.</summary>
    public int HiddenSize { get; }

    /// <summary>The number of stacked layers.</summary>
    public int Layers { get; }

    /// <summary>True when every layer also runs in reverse.</summary>
    public bool Bidirectional { get; }

    /// <summary>The output feature size: H, or 2H when bidirectional.</summary>
    public int OutputSize => (Bidirectional ? 2 : 1) * HiddenSize;

    /// <summary>Runs over (B, T, I) with no padding; returns (B, T, <see cref="OutputSize"/>).</summary>
    public override Tensor Forward(Tensor input) => Forward(input, null);

    /// <summary>
    /// Runs over (B, T, I) whose row b is real for its first <paramref name="lengths"/>[b] steps (null: all), as PyTorch
    /// on a <c>pack_padded_sequence</c>; returns (B, T, <see cref="OutputSize"/>), 0 at padded steps.
    /// </summary>
    /// <exception cref="ArgumentException">The input is not (B, T, I) or a length is out of range.</exception>
    public Tensor Forward(Tensor input, int[]? lengths)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 3 || input.Size(2) != InputSize)
            throw new ArgumentException($"gru: input must be (B, T, {InputSize}), got {Shapes.Format(input.Shape)}");
        var h = input;
        foreach (var layer in _cells)
        {
            var outputs = new Tensor[layer.Length];
            for (var d = 0; d < layer.Length; d++)
            {
                var (wih, whh, bih, bhh) = layer[d];
                outputs[d] = Ops.GruDirection(h, wih, whh, bih, bhh, lengths, reverse: d == 1);
            }
            h = outputs.Length == 1 ? outputs[0] : Ops.Concat(outputs, 2);
        }
        return h;
    }
}
