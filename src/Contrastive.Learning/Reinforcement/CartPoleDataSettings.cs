namespace Contrastive.Reinforcement;

/// <summary>How much cart-pole data the experiment collects (random policy; each set from its own seed).</summary>
public sealed record CartPoleDataSettings
{
    /// <summary>Episodes in the replay buffer the encoder learns from.</summary>
    public int TrainEpisodes { get; init; } = 40;

    /// <summary>Episodes whose observations the ridge maps are fitted on.</summary>
    public int ProbeEpisodes { get; init; } = 20;

    /// <summary>Held-out episodes the R^2 is measured on.</summary>
    public int TestEpisodes { get; init; } = 10;

    /// <summary>Steps per episode.</summary>
    public int EpisodeLength { get; init; } = 100;

    /// <summary>Physics steps (0.02 s each) per action and frame.</summary>
    public int ActionRepeat { get; init; } = 4;

    /// <summary>Frames per observation.</summary>
    public int FrameStack { get; init; } = 3;
}
