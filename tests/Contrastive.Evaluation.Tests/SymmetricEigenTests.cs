using Contrastive.Evaluation.Health;

namespace Contrastive.Evaluation.Tests;

/// <summary>The symmetric eigen-decomposition behind effective rank and PCA: A v = λ v, orthonormal vectors, values in
/// descending order, on random, repeated-eigenvalue and degenerate matrices.</summary>
public class SymmetricEigenTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 2)]
    [InlineData(60, 3)]
    public void Random_symmetric_matrices_are_decomposed(int n, int seed)
    {
        var random = new Random(seed);
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = random.NextDouble() * 2 - 1;
        AssertDecomposition(a, n);
    }

    [Fact]
    public void Repeated_and_zero_eigenvalues_are_handled()
    {
        const int n = 12;
        var identity = new double[n * n];
        for (var i = 0; i < n; i++) identity[i * n + i] = 3;
        Assert.All(AssertDecomposition(identity, n), v => Assert.Equal(3, v, 12));
        // rank 2: u uᵀ + w wᵀ, the rest zeros
        var lowRank = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) lowRank[i * n + j] = (i + 1) * (j + 1) + Math.Sin(i) * Math.Sin(j);
        var values = AssertDecomposition(lowRank, n);
        Assert.True(values[1] > 1e-6);
        Assert.All(values.Skip(2), v => Assert.True(Math.Abs(v) < 1e-9, $"eigenvalue {v} should be 0"));
        Assert.All(AssertDecomposition(new double[n * n], n), v => Assert.Equal(0, v));
    }

    [Fact]
    public void A_wrong_size_is_named() =>
        Assert.Contains("expected 3 x 3", Assert.Throws<ArgumentException>(() => SymmetricEigen.Decompose(new double[8], 3)).Message);

    private static double[] AssertDecomposition(double[] a, int n)
    {
        var (values, vectors) = SymmetricEigen.Decompose(a, n);
        var scale = Math.Max(1, a.Max(Math.Abs) * n);
        for (var k = 0; k < n; k++)
        {
            if (k > 0) Assert.True(values[k] <= values[k - 1], "eigenvalues must be descending");
            for (var i = 0; i < n; i++)
            {
                var av = 0.0;
                for (var j = 0; j < n; j++) av += a[i * n + j] * vectors[k][j];
                Assert.True(Math.Abs(av - values[k] * vectors[k][i]) < 1e-10 * scale, $"A v != λ v for eigenvalue {k}, row {i}");
            }
            for (var l = 0; l <= k; l++)
            {
                var dot = 0.0;
                for (var j = 0; j < n; j++) dot += vectors[k][j] * vectors[l][j];
                Assert.True(Math.Abs(dot - (k == l ? 1 : 0)) < 1e-10, $"eigenvectors {k} and {l} are not orthonormal: {dot}");
            }
        }
        return values;
    }
}
