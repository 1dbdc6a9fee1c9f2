namespace Contrastive.Data.Sampling;

/// <summary>What an M-per-class sampler does with classes that have fewer than K samples.</summary>
public enum SmallClassPolicy
{
    /// <summary>The class is used; its K slots hold all its samples once, topped up by draws with replacement,
    /// so that batch repeats indices of that class (the only way a batch of this sampler repeats an index).</summary>
    Replacement,

    /// <summary>The class is never chosen, so no batch ever repeats an index.</summary>
    Exclude,
}
