using Contrastive.Reinforcement;
using Contrastive.Testing;

namespace Contrastive.Learning.Tests.Reinforcement;

/// <summary>The simulator against Gym's CartPole equations (tests/reference/cartpole.json), its seeding, and the renderer.</summary>
public class CartPoleTests
{
    public static TheoryDataNames Cases => ReferenceData.Names("cartpole.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Follows_gyms_equations(string name)
    {
        var c = ReferenceData.Case("cartpole.json", name);
        var start = c.Get("start").ToArray();
        var environment = new CartPole(seed: 0, actionRepeat: 4, episodeLength: 1000);
        environment.SetState(new CartPoleState(start[0], start[1], start[2], start[3]));
        var expected = c.Get("states").ToArray();
        var actions = c.IntArrayParam("actions");
        for (var t = 0; t < actions.Length; t++)
        {
            environment.Step(actions[t]);
            var s = environment.State;
            double[] actual = [s.X, s.XDot, s.Theta, s.ThetaDot];
            for (var j = 0; j < 4; j++)
                Assert.True(Math.Abs(actual[j] - expected[t * 4 + j]) <= 1e-4 + 1e-4 * Math.Abs(expected[t * 4 + j]),
                    $"step {t} variable {j}: {actual[j]:G7}, Gym's equations give {expected[t * 4 + j]:G7}");
        }
    }

    [Fact]
    public void A_seed_fixes_the_episodes_and_episodes_end_on_time()
    {
        CartPoleState[] Run(ulong seed)
        {
            var environment = new CartPole(seed, episodeLength: 5);
            var states = new List<CartPoleState> { environment.State };
            for (var t = 0; t < 5; t++)
            {
                var (_, done) = environment.Step(t % 2);
                Assert.Equal(t == 4, done);
                states.Add(environment.State);
            }
            states.Add(environment.Reset());
            return [.. states];
        }
        Assert.Equal(Run(1), Run(1));
        Assert.NotEqual(Run(1), Run(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CartPole(0).Step(2));
    }

    [Fact]
    public void The_frame_shows_the_cart_where_it_is_and_the_pole_up_or_down()
    {
        var frame = new float[CartPoleRenderer.Size * CartPoleRenderer.Size];
        CartPoleRenderer.Render(new CartPoleState(1.0, 0, 0, 0), frame);
        Assert.All(frame, v => Assert.InRange(v, 0f, 1f));
        var (cartColumn, poleRow) = (CentroidColumn(frame, 0.6f), CentroidRow(frame, 1f));
        Assert.InRange(cartColumn, 32 + 8.5 - 0.6, 32 + 8.5 + 0.6);   // 8.5 pixels per metre from the middle
        var poleUp = poleRow;
        CartPoleRenderer.Render(new CartPoleState(1.0, 0, Math.PI, 0), frame);
        Assert.True(CentroidRow(frame, 1f) > poleUp + 5, "a hanging pole is drawn below an upright one");

        var moved = new float[frame.Length];
        CartPoleRenderer.Render(new CartPoleState(1.05, 0, Math.PI, 0), moved);
        Assert.NotEqual(frame, moved);  // 0.05 m is less than a pixel, and still changes the frame
        Assert.Throws<ArgumentException>(() => CartPoleRenderer.Render(default, new float[10]));
    }

    private static double CentroidColumn(float[] frame, float value) => Centroid(frame, value, column: true);

    private static double CentroidRow(float[] frame, float value) => Centroid(frame, value, column: false);

    /// <summary>The mean column or row of the pixels fully covered by the shape drawn at <paramref name="value"/>.</summary>
    private static double Centroid(float[] frame, float value, bool column)
    {
        var (sum, count) = (0.0, 0);
        for (var i = 0; i < frame.Length; i++)
            if (frame[i] == value) (sum, count) = (sum + (column ? i % CartPoleRenderer.Size : i / CartPoleRenderer.Size), count + 1);
        Assert.True(count > 0, $"no pixel of value {value}");
        return sum / count + 0.5;
    }
}
