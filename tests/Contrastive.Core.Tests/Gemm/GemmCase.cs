using System.Collections.Concurrent;
using Contrastive.Gemm;
using Contrastive.Tensors;
using Xunit.Sdk;

namespace Contrastive.Core.Tests.Gemm;

/// <summary>
/// One random C = alpha * op(A) op(B) + beta * C problem with padded leading dimensions. Padding elements hold a
/// sentinel that no provider may change. The oracle is <see cref="NaiveGemm"/> (double-precision sums), run once
/// per operand set and cached, since the same operands are checked with several alpha, beta and providers.
/// </summary>
internal sealed class GemmCase
{
    private const float Sentinel = -777f;
    private static readonly ConcurrentDictionary<string, float[]> s_products = new();
    private readonly float[] _c0;
    private readonly float[] _expected;

    public GemmCase(int m, int n, int k, bool transA, bool transB, float alpha, float beta, int pad = 3, ulong seed = 1, bool nanC = false)
    {
        (M, N, K, TransA, TransB, Alpha, Beta) = (m, n, k, transA, transB, alpha, beta);
        var rng = new Rng(seed);
        Lda = (transA ? m : k) + pad;
        Ldb = (transB ? k : n) + pad;
        Ldc = n + pad;
        A = Matrix(rng, transA ? k : m, transA ? m : k, Lda);
        B = Matrix(rng, transB ? n : k, transB ? k : n, Ldb);
        _c0 = Matrix(rng, m, n, Ldc);
        if (nanC)
            for (var i = 0; i < m; i++) _c0.AsSpan(i * Ldc, n).Fill(float.NaN);
        var product = s_products.GetOrAdd($"{m} {n} {k} {transA} {transB} {pad} {seed}", _ =>
        {
            var p = new float[m * n];
            new NaiveGemm().Sgemm(transA, transB, m, n, k, 1f, A, Lda, B, Ldb, 0f, p, n);
            return p;
        });
        _expected = (float[])_c0.Clone();
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                ref var e = ref _expected[i * Ldc + j];
                e = (float)(alpha * (double)product[i * n + j] + (beta == 0 ? 0 : beta * (double)e));
            }
    }

    public int M { get; }
    public int N { get; }
    public int K { get; }
    public bool TransA { get; }
    public bool TransB { get; }
    public float Alpha { get; }
    public float Beta { get; }
    public int Lda { get; }
    public int Ldb { get; }
    public int Ldc { get; }
    public float[] A { get; }
    public float[] B { get; }

    /// <summary>Runs <paramref name="provider"/> on a fresh copy of C and checks every element and every sentinel.</summary>
    public void Check(IGemmProvider provider)
    {
        var c = (float[])_c0.Clone();
        provider.Sgemm(TransA, TransB, M, N, K, Alpha, A, Lda, B, Ldb, Beta, c, Ldc);
        // A float32 sum of k products of values in [-1, 1] has magnitude ~ sqrt(k) |a| |b| and relative rounding
        // error ~ eps sqrt(k): allow 4 eps sqrt(k) of that scale, plus the rounding of beta * C.
        const double eps = 1.1920929e-7; // float32 machine epsilon
        var root = Math.Sqrt(Math.Max(K, 1));
        var tolerance = 4 * eps * root * (root * Math.Abs(Alpha)) + 4 * eps * Math.Abs(Beta);
        for (var i = 0; i < c.Length; i++)
        {
            var where = $"{provider.Name} {M}x{N}x{K} transA={TransA} transB={TransB} alpha={Alpha} beta={Beta}: C[{i / Ldc},{i % Ldc}]";
            if (float.IsNaN(_expected[i]) || float.IsNaN(c[i]) || Math.Abs(c[i] - _expected[i]) > tolerance)
                throw new XunitException($"{where} = {c[i]:G9}, expected {_expected[i]:G9} (tolerance {tolerance:G3})");
        }
    }

    private static float[] Matrix(Rng rng, int rows, int cols, int ld)
    {
        var data = new float[Math.Max(0, rows * ld)];
        data.AsSpan().Fill(Sentinel);
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++) data[i * ld + j] = rng.Uniform(-1f, 1f);
        return data;
    }
}
