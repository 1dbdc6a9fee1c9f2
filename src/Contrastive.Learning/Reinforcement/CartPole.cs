using Contrastive.Tensors;

namespace Contrastive.Reinforcement;

/// <summary>
/// A seeded cart-pole simulator with the dynamics of Barto, Sutton and Anderson (1983) as in Gym's CartPole (cart 1 kg,
/// pole 0.1 kg and half-length 0.5 m, force +-10 N, 0.02 s semi-implicit Euler steps), with the pole free to swing all
/// the way round: for a pole angle theta (0 upright) and force F,
/// theta'' = (g sin theta - cos theta (F + m l theta'^2 sin theta) / M) / (l (4/3 - m cos^2 theta / M)),
/// x'' = (F + m l theta'^2 sin theta) / M - m l theta'' cos theta / M (M = cart + pole mass, l the half-length).
/// One <see cref="Step"/> applies an action for <see cref="ActionRepeat"/> physics steps. The track ends at |x| = 2.4 m,
/// where the cart bounces back at half its speed; an episode lasts <see cref="EpisodeLength"/> steps. Episodes start
/// from a state drawn uniformly (x in +-2, x' in +-1 m/s, theta anywhere, theta' in +-2 rad/s) so that the data covers
/// the state space. The reward is 1 while the pole is within 12 degrees of upright, else 0.
/// </summary>
public sealed class CartPole
{
    /// <summary>The end of the track, |x| in metres.</summary>
    public const double TrackLimit = 2.4;

    /// <summary>Half the pole's length, in metres.</summary>
    public const double PoleHalfLength = 0.5;

    private const double Gravity = 9.8, CartMass = 1.0, PoleMass = 0.1, ForceMagnitude = 10.0, Tau = 0.02;
    private const double TotalMass = CartMass + PoleMass, PoleMassLength = PoleMass * PoleHalfLength;
    private readonly Rng _rng;

    /// <summary>Creates the simulator; <paramref name="seed"/> fixes every episode's start.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The action repeat or episode length is not positive.</exception>
    public CartPole(ulong seed, int actionRepeat = 4, int episodeLength = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(actionRepeat);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(episodeLength);
        _rng = new Rng(seed);
        ActionRepeat = actionRepeat;
        EpisodeLength = episodeLength;
        State = Reset();
    }

    /// <summary>The number of discrete actions: 0 pushes toward -x, 1 toward +x.</summary>
    public const int ActionCount = 2;

    /// <summary>Physics steps per action.</summary>
    public int ActionRepeat { get; }

    /// <summary>Steps per episode.</summary>
    public int EpisodeLength { get; }

    /// <summary>The current state.</summary>
    public CartPoleState State { get; private set; }

    /// <summary>Steps taken in the current episode.</summary>
    public int StepInEpisode { get; private set; }

    /// <summary>Starts a new episode from a random state and returns it.</summary>
    public CartPoleState Reset()
    {
        StepInEpisode = 0;
        State = new CartPoleState(_rng.Uniform(-2f, 2f), _rng.Uniform(-1f, 1f), _rng.Uniform(-MathF.PI, MathF.PI), _rng.Uniform(-2f, 2f));
        return State;
    }

    /// <summary>Puts the simulator in <paramref name="state"/> (mid-episode), as for a chosen start.</summary>
    public void SetState(CartPoleState state) => State = state;

    /// <summary>Applies <paramref name="action"/>; returns the reward and whether the episode has ended (call
    /// <see cref="Reset"/> then).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The action is not 0 or 1.</exception>
    public (double Reward, bool Done) Step(int action)
    {
        if (action is < 0 or >= ActionCount) throw new ArgumentOutOfRangeException(nameof(action), $"cart-pole actions are 0 and 1, got {action}");
        var force = action == 1 ? ForceMagnitude : -ForceMagnitude;
        var (x, xDot, theta, thetaDot) = State;
        for (var i = 0; i < ActionRepeat; i++)
        {
            var (sin, cos) = Math.SinCos(theta);
            var temp = (force + PoleMassLength * thetaDot * thetaDot * sin) / TotalMass;
            var thetaAcc = (Gravity * sin - cos * temp) / (PoleHalfLength * (4.0 / 3.0 - PoleMass * cos * cos / TotalMass));
            var xAcc = temp - PoleMassLength * thetaAcc * cos / TotalMass;
            xDot += Tau * xAcc;
            x += Tau * xDot;
            thetaDot += Tau * thetaAcc;
            theta = Math.IEEERemainder(theta + Tau * thetaDot, 2 * Math.PI);
            if (Math.Abs(x) > TrackLimit) (x, xDot) = (Math.CopySign(TrackLimit, x), -0.5 * xDot);
        }
        State = new CartPoleState(x, xDot, theta, thetaDot);
        StepInEpisode++;
        var reward = Math.Abs(theta) < 12 * Math.PI / 180 ? 1.0 : 0.0;
        return (reward, StepInEpisode >= EpisodeLength);
    }
}
