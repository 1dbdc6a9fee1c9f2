using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>
/// A recurrent encoder over the frames of a spectrogram: a one-channel image (B, 1, F, T) whose columns are T frames of F
/// features (log-mel bands) is read column by column by a bidirectional <see cref="Gru"/>, and the per-frame states are
/// averaged over time: one vector of <see cref="OutputDim"/> = 2 * hidden. State keys: <c>gru.*</c> (PyTorch
/// <c>nn.GRU</c> keys; PyTorch's equivalent is <c>gru(x.squeeze(1).transpose(1, 2))[0].mean(1)</c>).
/// </summary>
public sealed class GruFrameEncoder : Module, IEncoder
{
    private readonly Gru _gru;

    /// <summary>Creates the encoder for frames of <paramref name="features"/> values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public GruFrameEncoder(Rng rng, int features, int hiddenSize = DefaultHidden)
    {
        ArgumentNullException.ThrowIfNull(rng);
        _gru = RegisterModule("gru", new Gru(features, hiddenSize, rng, layers: 1, bidirectional: true));
    }

    /// <summary>The default hidden size of each direction.</summary>
    public const int DefaultHidden = 128;

    /// <inheritdoc />
    public int OutputDim => _gru.OutputSize;

    /// <summary>Encodes (B, 1, F, T) spectrograms to (B, 2H).</summary>
    /// <exception cref="ArgumentException">The input is not (B, 1, F, T) with the encoder's F.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 4 || input.Size(1) != 1 || input.Size(2) != _gru.InputSize || input.Size(3) == 0)
            throw new ArgumentException($"GRU frame encoder: input must be (B, 1, {_gru.InputSize}, T), got {Shapes.Format(input.Shape)}");
        var (b, f, t) = (input.Size(0), input.Size(2), input.Size(3));
        var frames = Ops.Reshape(Ops.IndexSelect(Ops.Reshape(input, b * f * t, 1), FrameMajor(b, f, t)), b, t, f);
        return Ops.Mean(_gru.Forward(frames), 1);
    }

    /// <summary>The element order that turns (B, F, T) into (B, T, F).</summary>
    private static int[] FrameMajor(int b, int f, int t)
    {
        var order = new int[b * f * t];
        for (var n = 0; n < b; n++)
            for (var j = 0; j < t; j++)
                for (var i = 0; i < f; i++) order[(n * t + j) * f + i] = (n * f + i) * t + j;
        return order;
    }
}
