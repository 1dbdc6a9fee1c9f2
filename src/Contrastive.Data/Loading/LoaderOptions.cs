using Contrastive.Data.Sampling;

namespace Contrastive.Data.Loading;

/// <summary>Settings of a <see cref="PrefetchingLoader{TBatch}"/>.</summary>
public readonly record struct LoaderOptions
{
    /// <summary>Creates default options: 2 workers, 4 batches of look-ahead, from the start, without end.</summary>
    public LoaderOptions()
    {
    }

    /// <summary>Worker threads building batches (the output does not depend on it).</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Most batches built ahead of the consumer (queue bound).</summary>
    public int Capacity { get; init; } = 4;

    /// <summary>The first batch to produce (a saved <see cref="PrefetchingLoader{TBatch}.Position"/> to resume).</summary>
    public SamplerPosition Start { get; init; }

    /// <summary>The loader stops before this epoch; null runs until disposed.</summary>
    public int? EndEpoch { get; init; }

    /// <summary>The length of training in epochs, for <see cref="BatchJob.Progress"/>; defaults to <see cref="EndEpoch"/>.</summary>
    public int? TotalEpochs { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    internal void Validate()
    {
        if (Workers < 1) throw new ArgumentException($"loader: workers must be at least 1, got {Workers}");
        if (Capacity < 1) throw new ArgumentException($"loader: capacity must be at least 1, got {Capacity}");
        if (EndEpoch < Start.Epoch) throw new ArgumentException($"loader: end epoch {EndEpoch} is before the start epoch {Start.Epoch}");
        if (TotalEpochs <= 0) throw new ArgumentException($"loader: total epochs must be positive, got {TotalEpochs}");
    }
}
