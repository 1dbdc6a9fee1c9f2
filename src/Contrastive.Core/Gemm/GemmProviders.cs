namespace Contrastive.Gemm;

/// <summary>
/// Chooses the GEMM provider: <c>CONTRASTIVE_BLAS=managed|openblas</c> forces one; otherwise OpenBLAS
/// when <c>libopenblas.so.0</c> loads, else the managed kernel.
/// </summary>
public static class GemmProviders
{
    private static IGemmProvider? s_current;

    /// <summary>The provider every matmul and convolution uses.</summary>
    public static IGemmProvider Current
    {
        get => s_current ??= FromEnvironment();
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.SetThreads(Engine.Threads);
            s_current = value;
        }
    }

    /// <summary>Resolves a provider by name (<c>managed</c>, <c>openblas</c>, <c>naive</c>).</summary>
    /// <exception cref="ArgumentException">Unknown name, or OpenBLAS requested but not loadable.</exception>
    public static IGemmProvider Create(string name) => name.ToLowerInvariant() switch
    {
        "naive" => new NaiveGemm(),
        _ => throw new ArgumentException($"unknown BLAS provider '{name}' (expected managed, openblas or naive)", nameof(name)),
    };

    private static IGemmProvider FromEnvironment()
    {
        var env = Environment.GetEnvironmentVariable("CONTRASTIVE_BLAS");
        var provider = string.IsNullOrEmpty(env) ? new NaiveGemm() : Create(env);
        provider.SetThreads(Engine.Threads);
        return provider;
    }
}
