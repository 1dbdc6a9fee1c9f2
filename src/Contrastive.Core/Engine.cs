using Contrastive.Gemm;

namespace Contrastive;

/// <summary>
/// Process-wide engine settings: the number of worker threads every kernel (and the GEMM provider,
/// <see cref="GemmProviders.Current"/>) respects. The environment variable <c>CONTRASTIVE_THREADS</c> sets the initial
/// value; <c>CONTRASTIVE_BLAS</c> chooses the provider (<see cref="GemmProviders"/>).
/// </summary>
public static class Engine
{
    private static int s_threads = InitialThreads();

    /// <summary>The maximum number of threads any kernel uses (at least 1).</summary>
    public static int Threads
    {
        get => s_threads;
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), $"thread count must be at least 1, got {value}");
            s_threads = value;
            GemmProviders.Current.SetThreads(value);
        }
    }

    private static int InitialThreads()
    {
        var env = Environment.GetEnvironmentVariable("CONTRASTIVE_THREADS");
        if (string.IsNullOrEmpty(env)) return Environment.ProcessorCount;
        if (!int.TryParse(env, out var n) || n < 1)
            throw new InvalidOperationException($"CONTRASTIVE_THREADS must be a positive integer, got '{env}'");
        return n;
    }
}
