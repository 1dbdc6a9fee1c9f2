using Contrastive.Tensors;

namespace Contrastive.Data.Views;

/// <summary>
/// A source of "hard" negatives for an anchor. The triplet generator asks it with probability equal to its
/// hardness and falls back to a uniform negative from another class when it returns false. Implement it with any
/// miner, e.g. one holding the nearest-embedding neighbours of every sample refreshed each epoch
/// (<see cref="NeighbourNegatives"/>). Implementations must be thread-safe and draw only from the given
/// <see cref="Rng"/>.
/// </summary>
public interface IHardNegativeSource
{
    /// <summary>Picks a negative (a sample of a different class) for <paramref name="anchor"/>, or returns false.</summary>
    bool TryPick(int anchor, Rng rng, out int negative);
}
