namespace Contrastive.Reinforcement;

/// <summary>The settings of contrastive state-representation learning on a replay buffer (CURL or ATC).</summary>
public sealed record StateLearningOptions
{
    /// <summary>The methods: <c>curl</c> (two random crops of one observation) or <c>atc</c> (crops of observations
    /// <see cref="TemporalShift"/> steps apart).</summary>
    public static IReadOnlyList<string> Methods { get; } = ["curl", "atc"];

    /// <summary>curl or atc (the default: on the cart-pole its embedding reads the state better than the raw pixels,
    /// CURL's does not; BENCHMARKS.md).</summary>
    public string Method { get; init; } = "atc";

    /// <summary>Optimiser steps.</summary>
    public int Steps { get; init; } = 2000;

    /// <summary>Pairs per batch (each row's negatives are the other rows).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam's learning rate (CURL's encoder rate).</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>The key encoder's EMA momentum.</summary>
    public float Momentum { get; init; } = 0.95f;

    /// <summary>ATC: how many steps after its anchor the positive is.</summary>
    public int TemporalShift { get; init; } = 3;

    /// <summary>Side of the random crop of each 64 x 64 observation (the centre crop at evaluation).</summary>
    public int CropSize { get; init; } = 56;

    /// <summary>The embedding size.</summary>
    public int EmbeddingDim { get; init; } = 50;

    /// <summary>Seeds the encoder's initialisation, the batches and the crops.</summary>
    public ulong Seed { get; init; }

    /// <summary>Throws when a setting is out of range; the message names it.</summary>
    public void Validate()
    {
        if (!Methods.Contains(Method)) throw new ArgumentException($"unknown state-learning method '{Method}': use {string.Join(" or ", Methods)}");
        if (Steps <= 0) throw new ArgumentException($"steps must be positive, got {Steps}");
        if (BatchSize < 2) throw new ArgumentException($"the batch needs at least 2 pairs (the negatives are the other rows), got {BatchSize}");
        if (!(LearningRate > 0) || !float.IsFinite(LearningRate)) throw new ArgumentException($"the learning rate must be positive, got {LearningRate}");
        if (!(Momentum >= 0 && Momentum <= 1)) throw new ArgumentException($"the momentum must be in [0, 1], got {Momentum}");
        if (TemporalShift <= 0) throw new ArgumentException($"the temporal shift must be positive, got {TemporalShift}");
        if (CropSize is < 15 or > CartPoleRenderer.Size) throw new ArgumentException($"the crop must be 15 to {CartPoleRenderer.Size} pixels, got {CropSize}");
        if (EmbeddingDim <= 0) throw new ArgumentException($"the embedding size must be positive, got {EmbeddingDim}");
    }
}
