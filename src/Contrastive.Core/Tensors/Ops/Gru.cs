namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>
    /// One direction of one GRU layer (PyTorch <c>nn.GRU</c>, <c>batch_first=True</c>), built from differentiable ops so
    /// its backward pass is autograd's. Gates in PyTorch's order (r, z, n):
    /// r = sigmoid(W_ir x + b_ir + W_hr h + b_hr), z = sigmoid(W_iz x + b_iz + W_hz h + b_hz),
    /// n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), h' = (1 - z) * n + z * h, from h = 0.
    /// <para>
    /// <paramref name="lengths"/> (one per row, null: all T) marks rows right-padded after their first lengths[b] steps, as
    /// <c>pack_padded_sequence</c> does: at a padded step the state is carried unchanged and the output is 0, so the
    /// reverse direction starts at each row's last real step.
    /// </para>
    /// </summary>
    /// <param name="x">The input (B, T, I).</param>
    /// <param name="weightIh">(3H, I), the r, z, n blocks stacked.</param>
    /// <param name="weightHh">(3H, H).</param>
    /// <param name="biasIh">(3H).</param>
    /// <param name="biasHh">(3H).</param>
    /// <param name="lengths">Real steps per row, each in [0, T]; null when no row is padded.</param>
    /// <param name="reverse">Run from the last step to the first.</param>
    /// <returns>The hidden state of every step, (B, T, H), 0 at padded steps.</returns>
    /// <exception cref="ArgumentException">The shapes do not fit together or a length is out of range; the message names them.</exception>
    public static Tensor GruDirection(Tensor x, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh, int[]? lengths, bool reverse)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weightIh);
        ArgumentNullException.ThrowIfNull(weightHh);
        ArgumentNullException.ThrowIfNull(biasIh);
        ArgumentNullException.ThrowIfNull(biasHh);
        if (x.Rank != 3) throw new ArgumentException($"gru: input must be (B, T, I), got {Shapes.Format(x.Shape)}");
        int b = x.Size(0), t = x.Size(1), h = weightHh.Size(weightHh.Rank - 1);
        if (weightIh.Rank != 2 || weightIh.Size(0) != 3 * h || weightIh.Size(1) != x.Size(2) || weightHh.Rank != 2 || weightHh.Size(0) != 3 * h
            || biasIh.Length != 3 * h || biasHh.Length != 3 * h)
            throw new ArgumentException($"gru: weights {Shapes.Format(weightIh.Shape)}, {Shapes.Format(weightHh.Shape)} and biases {Shapes.Format(biasIh.Shape)}, {Shapes.Format(biasHh.Shape)} " +
                $"do not fit input {Shapes.Format(x.Shape)} (expected (3H, I), (3H, H), (3H), (3H))");
        if (lengths is not null && lengths.Length != b) throw new ArgumentException($"gru: {lengths.Length} lengths for {b} rows");
        if (lengths is not null && lengths.Any(n => n < 0 || n > t)) throw new ArgumentException($"gru: lengths must be in [0, {t}], got [{string.Join(", ", lengths)}]");

        var inputGates = Linear(x, weightIh, biasIh); // (B, T, 3H): the input half of every gate, all steps at once
        var state = Tensor.Zeros(b, h);
        var outputs = new Tensor[t];
        for (var k = 0; k < t; k++)
        {
            var step = reverse ? t - 1 - k : k;
            var gi = Reshape(Narrow(inputGates, 1, step, 1), b, 3 * h);
            var gh = Linear(state, weightHh, biasHh);
            var r = Sigmoid(Add(Narrow(gi, 1, 0, h), Narrow(gh, 1, 0, h)));
            var z = Sigmoid(Add(Narrow(gi, 1, h, h), Narrow(gh, 1, h, h)));
            var n = Tanh(Add(Narrow(gi, 1, 2 * h, h), Mul(r, Narrow(gh, 1, 2 * h, h))));
            var next = Add(n, Mul(z, Sub(state, n))); // (1 - z) n + z h
            Tensor output;
            if (lengths is null)
            {
                output = next;
                state = next;
            }
            else
            {
                var (keep, carry) = StepMasks(lengths, step);
                output = Mul(next, keep);
                state = Add(output, Mul(state, carry));
            }
            outputs[step] = Reshape(output, b, 1, h);
        }
        return Concat(outputs, 1);
    }

    /// <summary>(B, 1) masks for one step: 1 where the row is real at <paramref name="step"/>, and its complement.</summary>
    private static (Tensor Keep, Tensor Carry) StepMasks(int[] lengths, int step)
    {
        var keep = new float[lengths.Length];
        var carry = new float[lengths.Length];
        for (var r = 0; r < lengths.Length; r++)
        {
            var real = step < lengths[r];
            keep[r] = real ? 1f : 0f;
            carry[r] = real ? 0f : 1f;
        }
        return (new Tensor(keep, [lengths.Length, 1]), new Tensor(carry, [lengths.Length, 1]));
    }
}
