using Contrastive.Reinforcement;
using Contrastive.Tensors;

namespace Contrastive.Learning.Tests.Reinforcement;

/// <summary>CURL and ATC on a tiny cart-pole replay buffer: they learn, repeat exactly, and move the key encoder.</summary>
public class StateRepresentationLearningTests
{
    private static readonly ReplayBuffer s_buffer = ReplayBuffer.CollectRandom(new CartPole(3, episodeLength: 12), episodes: 3, new Rng(4));

    private static StateLearningOptions Options(string method) => new() { Method = method, Steps = 16, BatchSize = 8, Seed = 1, TemporalShift = 2 };

    [Theory]
    [InlineData("curl")]
    [InlineData("atc")]
    public void Training_lowers_the_loss_and_repeats_exactly(string method)
    {
        var options = Options(method);
        var first = StateRepresentationLearning.Create(options, s_buffer.FrameStack);
        var losses = StateRepresentationLearning.Train(first, s_buffer, options);
        Assert.Equal(16, losses.Count);
        Assert.True(losses.Skip(12).Average() < losses.Take(4).Average(), $"{method} loss went from {losses.Take(4).Average()} to {losses.Skip(12).Average()}");
        Assert.Equal(method, first.Name);

        var again = StateRepresentationLearning.Create(options, s_buffer.FrameStack);
        Assert.Equal(losses, StateRepresentationLearning.Train(again, s_buffer, options));
        var embeddings = StateRepresentationLearning.Embed(first, s_buffer, options.CropSize, batchSize: 16);
        Assert.Equal([s_buffer.Count, 50], embeddings.Shape.ToArray());
        Assert.Equal(embeddings.ToArray(), StateRepresentationLearning.Embed(again, s_buffer, options.CropSize, batchSize: 16).ToArray());
    }

    [Fact]
    public void The_key_encoder_follows_the_online_one_by_its_momentum()
    {
        var options = Options("curl") with { Steps = 1 };
        var method = StateRepresentationLearning.Create(options, s_buffer.FrameStack);
        var before = method.Model.StateEntries().ToDictionary(e => e.Name, e => e.Tensor.ToArray());
        StateRepresentationLearning.Train(method, s_buffer, options);
        var after = method.Model.StateEntries().ToDictionary(e => e.Name, e => e.Tensor.ToArray());
        var key = method.ExtraState().ToDictionary(e => e.Name, e => e.Tensor.ToArray());
        var name = after.Keys.First(n => n.EndsWith("weight", StringComparison.Ordinal));
        for (var i = 0; i < 5; i++)   // target = 0.95 * old + 0.05 * new
            Assert.Equal(0.95f * before[name][i] + 0.05f * after[name][i], key["target." + name][i], 5);
        Assert.Contains("W", key.Keys);
    }

    [Fact]
    public void Bad_settings_are_named()
    {
        Assert.Contains("unknown state-learning method 'simclr'", Assert.Throws<ArgumentException>(() => Options("simclr").Validate()).Message);
        Assert.Contains("at least 2 pairs", Assert.Throws<ArgumentException>(() => (Options("curl") with { BatchSize = 1 }).Validate()).Message);
        var tooLong = Options("atc") with { TemporalShift = 40 };
        var method = StateRepresentationLearning.Create(tooLong, s_buffer.FrameStack);
        Assert.Contains("40 steps later", Assert.Throws<ArgumentException>(() => StateRepresentationLearning.Train(method, s_buffer, tooLong)).Message);
    }
}
