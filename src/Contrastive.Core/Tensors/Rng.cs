namespace Contrastive.Tensors;

/// <summary>
/// A small, fast, seedable generator (xoshiro256**) whose full state can be saved and restored, so
/// a resumed run continues the exact random stream. Not thread-safe: give each worker its own,
/// derived with <see cref="Derive"/>.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private float? _spareGaussian;

    /// <summary>Creates a generator from a 64-bit seed (expanded with SplitMix64).</summary>
    public Rng(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A generator for a sub-stream identified by (seed, a, b), e.g. (seed, epoch, sample index).
    /// Independent of how work is scheduled across threads.</summary>
    public static Rng Derive(ulong seed, long a, long b = 0)
    {
        var x = seed ^ 0x9E3779B97F4A7C15UL;
        var h = SplitMix(ref x) ^ (ulong)a;
        h = SplitMix(ref h) ^ (ulong)b;
        return new Rng(SplitMix(ref h));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform float in [0, 1).</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform float in [low, high).</summary>
    public float Uniform(float low, float high) => low + (high - low) * NextFloat();

    /// <summary>A uniform integer in [0, n).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), $"upper bound must be positive, got {n}");
        return (int)((NextUInt64() >> 33) * (ulong)n >> 31);
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Bernoulli(double p) => NextDouble() < p;

    /// <summary>A standard normal draw (Box–Muller, pairs cached).</summary>
    public float NextGaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }
        double u1;
        do u1 = NextDouble(); while (u1 <= double.Epsilon);
        var u2 = NextDouble();
        var r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareGaussian = (float)(r * Math.Sin(2 * Math.PI * u2));
        return (float)(r * Math.Cos(2 * Math.PI * u2));
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>The number of words in <see cref="GetState"/>.</summary>
    public const int StateWords = 5;

    /// <summary>The full state, for checkpoints.</summary>
    public ulong[] GetState() => [_s0, _s1, _s2, _s3, _spareGaussian is { } g ? BitConverter.SingleToUInt32Bits(g) | (1UL << 32) : 0];

    /// <summary>Restores a state from <see cref="GetState"/>.</summary>
    public void SetState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != StateWords) throw new ArgumentException($"an Rng state has {StateWords} words, got {state.Length}");
        (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);
        _spareGaussian = (state[4] >> 32) != 0 ? BitConverter.UInt32BitsToSingle((uint)state[4]) : null;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
