namespace Contrastive.Gemm;

/// <summary>
/// Chooses the GEMM provider: <c>CONTRASTIVE_BLAS=managed|openblas|naive</c> forces one; otherwise the managed kernel,
/// whatever is installed, so a run's numbers do not depend on an optional system library (and the managed kernel is the
/// faster one on the bench shapes; BENCHMARKS.md, "GEMM").
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

    /// <summary>Resolves a provider by name (<c>managed</c>, <c>openblas</c>, <c>naive</c>; case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name, or OpenBLAS requested but libopenblas.so.0 not loadable.</exception>
    public static IGemmProvider Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "managed" => new ManagedGemm(),
            "openblas" => CreateOpenBlas(OpenBlasLibrary.DefaultName),
            "naive" => new NaiveGemm(),
            _ => throw new ArgumentException($"unknown BLAS provider '{name}' (expected managed, openblas or naive)", nameof(name)),
        };
    }

    /// <summary>OpenBLAS bound from <paramref name="libraryName"/>, or the install hint as an <see cref="ArgumentException"/>.</summary>
    internal static IGemmProvider CreateOpenBlas(string libraryName)
    {
        var library = libraryName == OpenBlasLibrary.DefaultName ? OpenBlasLibrary.Default : OpenBlasLibrary.TryLoad(libraryName);
        return library is null
            ? throw new ArgumentException(OpenBlasLibrary.NotLoadableMessage(libraryName))
            : new OpenBlasGemm(library);
    }

    private static IGemmProvider FromEnvironment()
    {
        var env = Environment.GetEnvironmentVariable("CONTRASTIVE_BLAS");
        IGemmProvider provider = string.IsNullOrEmpty(env) ? new ManagedGemm() : Create(env);
        provider.SetThreads(Engine.Threads);
        return provider;
    }
}
