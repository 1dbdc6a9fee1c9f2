using Contrastive.Reinforcement;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Reinforcement;

/// <summary>Frame stacking across episode starts, crops, and the checks of the replay buffer.</summary>
public class ReplayBufferTests
{
    /// <summary>Two episodes of 3 and 2 steps of 4 x 4 frames; frame t is filled with t / 10.</summary>
    private static ReplayBuffer FiveSteps()
    {
        var buffer = new ReplayBuffer(4, 4, frameStack: 3);
        for (var t = 0; t < 5; t++) buffer.Add(Enumerable.Repeat(t / 10f, 16).ToArray(), [t, -t], action: t % 2, reward: t, episodeStart: t is 0 or 3);
        return buffer;
    }

    [Fact]
    public void Observations_stack_the_last_frames_of_their_episode()
    {
        var buffer = FiveSteps();
        var observations = buffer.Observations([2, 3, 4], 4, rng: null);
        Assert.Equal([3, 3, 4, 4], observations.Shape.ToArray());
        float[] FirstPixels(int n) => [.. Enumerable.Range(0, 3).Select(s => observations.Span[(n * 3 + s) * 16])];
        TensorAssert.Close([0f, 0.1f, 0.2f], FirstPixels(0), "stack", rel: 0, abs: 0.003);
        TensorAssert.Close([0.3f, 0.3f, 0.3f], FirstPixels(1), "stack", rel: 0, abs: 0.003);   // an episode's first step repeats its frame
        TensorAssert.Close([0.3f, 0.3f, 0.4f], FirstPixels(2), "stack", rel: 0, abs: 0.003);
        Assert.Equal(new double[,] { { 3, -3 }, { 4, -4 } }, buffer.States([3, 4]));
        Assert.Equal((1, 4.0), (buffer.Action(1), buffer.Reward(4)));
    }

    [Fact]
    public void Same_episode_stops_at_episode_ends()
    {
        var buffer = FiveSteps();
        Assert.True(buffer.SameEpisode(0, 2));
        Assert.False(buffer.SameEpisode(1, 2));
        Assert.True(buffer.SameEpisode(3, 1));
        Assert.False(buffer.SameEpisode(4, 1));
    }

    [Fact]
    public void A_random_crop_takes_one_window_for_all_frames_and_the_centre_crop_is_centred()
    {
        var buffer = new ReplayBuffer(6, 6, frameStack: 2);
        var frame = Enumerable.Range(0, 36).Select(i => i * 5 / 255f).ToArray();   // pixel i stores byte 5i exactly
        buffer.Add(frame, [0], 0, 0, true);
        buffer.Add(frame, [1], 0, 0, false);
        var centre = buffer.Observations([1], 4, rng: null).ToArray();
        Assert.Equal(7 * 5 / 255f, centre[0]);    // row 1, column 1
        var rng = new Rng(5);
        for (var trial = 0; trial < 10; trial++)
        {
            var crop = buffer.Observations([1], 4, rng).ToArray();
            Assert.Equal(crop[..16], crop[16..]);
            var index = (int)MathF.Round(crop[0] * 255 / 5);
            Assert.InRange(index / 6, 0, 2);
            Assert.InRange(index % 6, 0, 2);
            Assert.Equal((index + 6 * 3 + 3) * 5 / 255f, crop[15]);   // a 4 x 4 window
        }
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var buffer = FiveSteps();
        Assert.Contains("4 x 4, got 3 values", Assert.Throws<ArgumentException>(() => buffer.Add(new float[3], [0, 0], 0, 0, false)).Message);
        Assert.Contains("outside [0, 1]", Assert.Throws<ArgumentException>(() => buffer.Add(Enumerable.Repeat(2f, 16).ToArray(), [0, 0], 0, 0, false)).Message);
        Assert.Contains("have 2 variables, got 1", Assert.Throws<ArgumentException>(() => buffer.Add(new float[16], [0], 0, 0, false)).Message);
        Assert.Contains("does not fit", Assert.Throws<ArgumentException>(() => buffer.Observations([0], 5, null)).Message);
        Assert.Contains("step 9 is not in the buffer", Assert.Throws<ArgumentException>(() => buffer.Observations([9], 4, null)).Message);
    }
}
