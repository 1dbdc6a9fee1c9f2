namespace Contrastive.Gemm;

/// <summary>
/// Chooses the GEMM provider: <c>CONTRASTIVE_BLAS=managed|openblas|naive</c> forces one; otherwise OpenBLAS
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
        IGemmProvider provider = !string.IsNullOrEmpty(env) ? Create(env)
            : OpenBlasGemm.IsAvailable ? new OpenBlasGemm()
            : new ManagedGemm();
        provider.SetThreads(Engine.Threads);
        return provider;
    }
}
