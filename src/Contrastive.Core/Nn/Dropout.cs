using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>
/// Inverted dropout (<see cref="Ops.Dropout"/>), active only in training mode; the identity in eval mode.
/// Masks are drawn from the generator given here, so a seeded run is reproducible.
/// </summary>
public sealed class Dropout : Module
{
    private readonly Rng _rng;

    /// <summary>Creates a dropout layer zeroing each element with probability <paramref name="p"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1).</exception>
    public Dropout(float p, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!(p >= 0f && p < 1f)) throw new ArgumentOutOfRangeException(nameof(p), $"dropout probability must be in [0, 1), got {p}");
        P = p;
        _rng = rng;
    }

    /// <summary>The probability of zeroing an element.</summary>
    public float P { get; }

    /// <summary>The generator the masks are drawn from (its state can be saved and replayed to repeat a pass).</summary>
    public Rng Generator => _rng;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.Dropout(input, P, _rng, Training);
}
