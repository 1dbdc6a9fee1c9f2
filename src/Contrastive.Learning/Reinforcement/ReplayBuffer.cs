using Contrastive.Tensors;

namespace Contrastive.Reinforcement;

/// <summary>
/// The transitions of whole episodes in time order: per step the grey frame observed (stored as bytes, value / 255),
/// the true state variables (for evaluation only), the action taken and the reward. An observation is the last
/// <see cref="FrameStack"/> frames of its episode as channels, the first frame repeated at an episode's start (as
/// Gym's frame stacking), so that velocities can be seen.
/// </summary>
public sealed class ReplayBuffer
{
    private readonly List<byte[]> _frames = [];
    private readonly List<double[]> _states = [];
    private readonly List<int> _actions = [];
    private readonly List<double> _rewards = [];
    private readonly List<int> _episodeStarts = [];   // per step: the index of its episode's first step

    /// <summary>Creates an empty buffer of <paramref name="height"/> x <paramref name="width"/> frames.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size or the frame stack is not positive.</exception>
    public ReplayBuffer(int height, int width, int frameStack = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameStack);
        (Height, Width, FrameStack) = (height, width, frameStack);
    }

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; }

    /// <summary>Frame width in pixels.</summary>
    public int Width { get; }

    /// <summary>Frames per observation.</summary>
    public int FrameStack { get; }

    /// <summary>The number of steps held.</summary>
    public int Count => _frames.Count;

    /// <summary>The number of state variables per step (0 while empty).</summary>
    public int StateSize => _states.Count == 0 ? 0 : _states[0].Length;

    /// <summary>The action taken at step <paramref name="index"/>.</summary>
    public int Action(int index) => _actions[index];

    /// <summary>The reward received for step <paramref name="index"/>'s action.</summary>
    public double Reward(int index) => _rewards[index];

    /// <summary>Appends a step; <paramref name="episodeStart"/> marks the first step of an episode (the first step
    /// added always starts one).</summary>
    /// <exception cref="ArgumentException">The frame has the wrong size, holds values outside [0, 1], or the state has
    /// another number of variables than earlier steps.</exception>
    public void Add(ReadOnlySpan<float> frame, double[] state, int action, double reward, bool episodeStart)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (frame.Length != Height * Width) throw new ArgumentException($"replay buffer frames are {Height} x {Width}, got {frame.Length} values");
        if (Count > 0 && state.Length != StateSize) throw new ArgumentException($"replay buffer states have {StateSize} variables, got {state.Length}");
        var bytes = new byte[frame.Length];
        for (var i = 0; i < frame.Length; i++)
        {
            if (!(frame[i] >= 0f && frame[i] <= 1f)) throw new ArgumentException($"frame pixel {i} is {frame[i]}, outside [0, 1]");
            bytes[i] = (byte)MathF.Round(frame[i] * 255f);
        }
        _episodeStarts.Add(episodeStart || Count == 0 ? Count : _episodeStarts[^1]);
        _frames.Add(bytes);
        _states.Add((double[])state.Clone());
        _actions.Add(action);
        _rewards.Add(reward);
    }

    /// <summary>True when step <paramref name="index"/> + <paramref name="shift"/> is in the same episode.</summary>
    public bool SameEpisode(int index, int shift) => index + shift < Count && _episodeStarts[index + shift] == _episodeStarts[index];

    /// <summary>The state variables of the steps <paramref name="indices"/> (N x variables).</summary>
    public double[,] States(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var states = new double[indices.Count, StateSize];
        for (var i = 0; i < indices.Count; i++)
            for (var j = 0; j < StateSize; j++) states[i, j] = _states[indices[i]][j];
        return states;
    }

    /// <summary>
    /// The observations of <paramref name="indices"/> as a (N, stack, size, size) tensor: a random
    /// <paramref name="size"/> x <paramref name="size"/> window of each (one offset for all its frames, drawn from
    /// <paramref name="rng"/>, as CURL's random crop), or the centre window when <paramref name="rng"/> is null.
    /// </summary>
    /// <exception cref="ArgumentException">The window is larger than a frame, or an index is out of range.</exception>
    public Tensor Observations(IReadOnlyList<int> indices, int size, Rng? rng)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (size <= 0 || size > Height || size > Width) throw new ArgumentException($"a {size} x {size} window does not fit {Height} x {Width} frames");
        var plane = size * size;
        var data = new float[indices.Count * FrameStack * plane];
        for (var n = 0; n < indices.Count; n++)
        {
            var index = indices[n];
            if (index < 0 || index >= Count) throw new ArgumentException($"step {index} is not in the buffer of {Count} steps");
            var (top, left) = rng is null ? ((Height - size) / 2, (Width - size) / 2) : (rng.NextInt(Height - size + 1), rng.NextInt(Width - size + 1));
            for (var s = 0; s < FrameStack; s++)
            {
                var frame = _frames[Math.Max(index - (FrameStack - 1 - s), _episodeStarts[index])];
                var dst = data.AsSpan((n * FrameStack + s) * plane, plane);
                for (var r = 0; r < size; r++)
                    for (var c = 0; c < size; c++) dst[r * size + c] = frame[(top + r) * Width + left + c] / 255f;
            }
        }
        return new Tensor(data, [indices.Count, FrameStack, size, size]);
    }

    /// <summary>Collects <paramref name="episodes"/> episodes of <paramref name="environment"/> under a uniformly random
    /// policy (actions from <paramref name="policy"/>), rendered to frames: the data of the experiments.</summary>
    public static ReplayBuffer CollectRandom(CartPole environment, int episodes, Rng policy, int frameStack = 3)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(episodes);
        var buffer = new ReplayBuffer(CartPoleRenderer.Size, CartPoleRenderer.Size, frameStack);
        var frame = new float[CartPoleRenderer.Size * CartPoleRenderer.Size];
        for (var e = 0; e < episodes; e++)
        {
            var state = environment.Reset();
            var done = false;
            for (var t = 0; !done; t++)
            {
                CartPoleRenderer.Render(state, frame);
                var action = policy.NextInt(CartPole.ActionCount);
                var (reward, ended) = environment.Step(action);
                buffer.Add(frame, state.Variables(), action, reward, episodeStart: t == 0);
                (state, done) = (environment.State, ended);
            }
        }
        return buffer;
    }
}
