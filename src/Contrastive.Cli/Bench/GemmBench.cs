using System.Globalization;
using System.Text;
using Contrastive.Gemm;

namespace Contrastive.Cli.Bench;

/// <summary>
/// <c>bench gemm</c>: GFLOP/s of every available provider on square cubes and on the products the bench model's
/// convolutions run per image (forward W @ col, grad_W = g @ col^T, grad_col = W^T @ g).
/// </summary>
internal static class GemmBench
{
    /// <summary>(name, m, n, k, transA, transB) of each product measured.</summary>
    private static readonly (string Name, int M, int N, int K, bool TransA, bool TransB)[] s_shapes =
    [
        ("cube256", 256, 256, 256, false, false),
        ("cube512", 512, 512, 512, false, false),
        ("cube1024", 1024, 1024, 1024, false, false),
        .. Conv("conv1", 32, 784, 9),
        .. Conv("conv2", 64, 196, 288),
        .. Conv("conv3", 128, 49, 576),
    ];

    /// <summary>One line: "gemm: provider shape=GFLOP/s ..." per provider; <paramref name="seconds"/> is the target time per shape.</summary>
    public static string Run(double seconds = 0.2)
    {
        var text = new StringBuilder();
        foreach (var provider in Providers())
        {
            provider.SetThreads(Engine.Threads);
            text.Append(CultureInfo.InvariantCulture, $"gemm: {provider.Name}");
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

    /// <summary>A convolution with O filters, L output positions and R = C*kh*kw taps, as per-image products.</summary>
    private static (string, int, int, int, bool, bool)[] Conv(string name, int o, int l, int r) =>
    [
        ($"{name}.fwd", o, l, r, false, false),
        ($"{name}.grad_w", o, r, l, false, true),
        ($"{name}.grad_col", r, l, o, true, false),
    ];
}
