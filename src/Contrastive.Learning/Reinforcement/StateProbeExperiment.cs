using Contrastive.Evaluation;
using Contrastive.Evaluation.Regression;
using Contrastive.Tensors;

namespace Contrastive.Reinforcement;

/// <summary>
/// The measurement of the issue: a random policy's cart-pole episodes are rendered to pixels; an encoder learns from
/// one replay buffer with CURL or ATC; ridge maps from features to the true state variables are fitted on a second
/// buffer's observations and scored (R^2) on a third, held-out one. The features compared: the raw stacked frames
/// (every pixel of the 64 x 64 frames), the same encoder untrained (its random initialisation) and trained.
/// </summary>
public static class StateProbeExperiment
{
    /// <summary>Runs the experiment; <paramref name="onStep"/> sees each training step's loss.</summary>
    public static IReadOnlyList<StateProbeRow> Run(StateLearningOptions learning, CartPoleDataSettings data, Action<int, float>? onStep = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(learning);
        ArgumentNullException.ThrowIfNull(data);
        learning.Validate();
        var train = Collect(data, data.TrainEpisodes, learning.Seed, 1);
        var probe = Collect(data, data.ProbeEpisodes, learning.Seed, 2);
        var test = Collect(data, data.TestEpisodes, learning.Seed, 3);
        var (probeStates, testStates) = (AllStates(probe), AllStates(test));

        var rows = new List<StateProbeRow>
        {
            new("raw pixels", RidgeProbe.Evaluate(Pixels(probe), probeStates, Pixels(test), testStates)),
        };
        var method = StateRepresentationLearning.Create(learning, data.FrameStack);
        rows.Add(new("random encoder", Probe(method, learning, probe, probeStates, test, testStates)));
        StateRepresentationLearning.Train(method, train, learning, onStep, cancellation);
        rows.Add(new($"{learning.Method} encoder", Probe(method, learning, probe, probeStates, test, testStates)));
        return rows;
    }

    private static RidgeProbeResult Probe(Methods.Curl method, StateLearningOptions learning, ReplayBuffer probe, double[,] probeStates, ReplayBuffer test, double[,] testStates) =>
        RidgeProbe.Evaluate(StateRepresentationLearning.Embed(method, probe, learning.CropSize), probeStates,
            StateRepresentationLearning.Embed(method, test, learning.CropSize), testStates);

    private static ReplayBuffer Collect(CartPoleDataSettings data, int episodes, ulong seed, int set)
    {
        var environment = new CartPole(seed * 7919 + (ulong)set, data.ActionRepeat, data.EpisodeLength);
        return ReplayBuffer.CollectRandom(environment, episodes, Rng.Derive(seed, set, 0xAC7), data.FrameStack);
    }

    private static double[,] AllStates(ReplayBuffer buffer) => buffer.States(Enumerable.Range(0, buffer.Count).ToArray());

    /// <summary>Every pixel of every stacked frame, one row per step.</summary>
    private static EmbeddingMatrix Pixels(ReplayBuffer buffer)
    {
        var observations = buffer.Observations(Enumerable.Range(0, buffer.Count).ToArray(), buffer.Height, rng: null);
        return EmbeddingMatrix.FromTensor(Ops.Reshape(observations, buffer.Count, -1));
    }
}
