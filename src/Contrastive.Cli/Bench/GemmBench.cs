using System.Globalization;
using System.Text;
using Contrastive.Gemm;

namespace Contrastive.Cli.Bench;

/// <summary>
/// <c>bench gemm</c>: GFLOP/s of every available provider on square cubes and on the products the bench model's
/// im2row convolutions run per chunk of images (conv2: 4 images of 196 positions, R = 288 taps, O = 64; conv3: 9 images
/// of 49 positions, R = 576, O = 128): forward out^T = rows @ W'^T, grad_W' = g^T^T @ rows, grad_rows = g^T @ W'.
/// The first layer runs as a direct convolution, without GEMM.
/// </summary>
internal static class GemmBench
{
    /// <summary>(name, m, n, k, transA, transB) of each product measured.</summary>
    private static readonly (string Name, int M, int N, int K, bool TransA, bool TransB)[] s_shapes =
    [
        ("cube256", 256, 256, 256, false, false),
        ("cube512", 512, 512, 512, false, false),
        ("cube1024", 1024, 1024, 1024, false, false),
        .. Conv("conv2", 64, 4 * 196, 288),
        .. Conv("conv3", 128, 9 * 49, 576),
    ];

    /// <summary>One line: "gemm: provider shape=GFLOP/s ..." per provider (OpenBLAS with the kernel family it chose, which
    /// decides its speed); <paramref name="seconds"/> is the target time per shape.</summary>
    public static string Run(double seconds = 0.2)
    {
        var text = new StringBuilder();
        foreach (var provider in Providers())
        {
            provider.SetThreads(Engine.Threads);
            text.Append(CultureInfo.InvariantCulture, $"gemm: {(provider is OpenBlasGemm blas ? $"{blas.Name} ({blas.CoreName})" : provider.Name)}");
            foreach (var (name, m, n, k, ta, tb) in s_shapes)
            {
                var flops = 2.0 * m * n * k;
                var iterations = (int)Math.Clamp(seconds * 50e9 / flops, 3, 20000);
                text.Append(CultureInfo.InvariantCulture, $" {name}={GemmThroughput.Measure(provider, m, n, k, ta, tb, iterations):F1}");
            }
            text.AppendLine(" GFLOP/s");
        }
        return text.ToString().TrimEnd();
    }

    private static IEnumerable<IGemmProvider> Providers()
    {
        yield return new ManagedGemm();
        if (OpenBlasGemm.IsAvailable) yield return new OpenBlasGemm();
    }

    /// <summary>A convolution with O filters, M = chunk*L output positions and R = C*kh*kw taps, as chunk products.</summary>
    private static (string, int, int, int, bool, bool)[] Conv(string name, int o, int m, int r) =>
    [
        ($"{name}.fwd", m, o, r, false, true),
        ($"{name}.grad_w", o, r, m, true, false),
        ($"{name}.grad_rows", m, r, o, false, false),
    ];
}
