namespace Contrastive.Evaluation.Health;

/// <summary>
/// Eigen-decomposition of a real symmetric matrix: Householder reduction to tridiagonal form, then the implicit QL
/// algorithm with Wilkinson-style shifts (EISPACK's tred2 and tql2, as in JAMA). About 9n³ flops in all, far fewer
/// than cyclic Jacobi's repeated sweeps (timings in BENCHMARKS.md, "The grid representation").
/// </summary>
internal static class SymmetricEigen
{
    /// <summary>
    /// Eigenvalues (descending) and eigenvectors of the symmetric n x n <paramref name="matrix"/> (row-major,
    /// not modified). <c>Vectors[k]</c> is the unit eigenvector of <c>Values[k]</c>.
    /// </summary>
    public static (double[] Values, double[][] Vectors) Decompose(ReadOnlySpan<double> matrix, int n)
    {
        if (matrix.Length != n * n) throw new ArgumentException($"matrix has {matrix.Length} entries, expected {n} x {n}", nameof(matrix));
        var v = new double[n][];
        for (var i = 0; i < n; i++) v[i] = matrix.Slice(i * n, n).ToArray();
        var d = new double[n];
        var e = new double[n];
        if (n > 0)
        {
            Tridiagonalize(v, d, e);
            var w = Transpose(v); // w[j] is column j of the accumulated transform: QL rotates rows of w contiguously
            DiagonalizeTridiagonal(w, d, e);
            v = w;
        }
        var order = Enumerable.Range(0, n).OrderByDescending(i => d[i]).ToArray();
        return (order.Select(i => d[i]).ToArray(), order.Select(i => v[i]).ToArray());
    }

    /// <summary>Householder reduction (tred2): on return <paramref name="v"/> holds the orthogonal Q with
    /// Qᵀ A Q tridiagonal, <paramref name="d"/> its diagonal and <paramref name="e"/>[1..] its sub-diagonal.</summary>
    private static void Tridiagonalize(double[][] v, double[] d, double[] e)
    {
        var n = d.Length;
        for (var j = 0; j < n; j++) d[j] = v[n - 1][j];
        for (var i = n - 1; i > 0; i--)
        {
            double scale = 0, h = 0;
            for (var k = 0; k < i; k++) scale += Math.Abs(d[k]);
            if (scale == 0)
            {
                e[i] = d[i - 1];
                for (var j = 0; j < i; j++)
                {
                    d[j] = v[i - 1][j];
                    v[i][j] = 0;
                    v[j][i] = 0;
                }
            }
            else
            {
                // Householder vector u = x ± |x| e_(i-1) of the scaled row, H = I - u uᵀ / h
                for (var k = 0; k < i; k++)
                {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                var f = d[i - 1];
                var g = f > 0 ? -Math.Sqrt(h) : Math.Sqrt(h);
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (var j = 0; j < i; j++) e[j] = 0;
                for (var j = 0; j < i; j++)
                {
                    f = d[j];
                    v[j][i] = f;
                    g = e[j] + v[j][j] * f;
                    for (var k = j + 1; k <= i - 1; k++)
                    {
                        g += v[k][j] * d[k];
                        e[k] += v[k][j] * f;
                    }
                    e[j] = g;
                }
                f = 0;
                for (var j = 0; j < i; j++)
                {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                var hh = f / (h + h);
                for (var j = 0; j < i; j++) e[j] -= hh * d[j];
                for (var j = 0; j < i; j++)
                {
                    f = d[j];
                    g = e[j];
                    for (var k = j; k <= i - 1; k++) v[k][j] -= f * e[k] + g * d[k];
                    d[j] = v[i - 1][j];
                    v[i][j] = 0;
                }
            }
            d[i] = h;
        }
        // accumulate the transformations into Q
        for (var i = 0; i < n - 1; i++)
        {
            v[n - 1][i] = v[i][i];
            v[i][i] = 1;
            var h = d[i + 1];
            if (h != 0)
            {
                for (var k = 0; k <= i; k++) d[k] = v[k][i + 1] / h;
                for (var j = 0; j <= i; j++)
                {
                    var g = 0.0;
                    for (var k = 0; k <= i; k++) g += v[k][i + 1] * v[k][j];
                    for (var k = 0; k <= i; k++) v[k][j] -= g * d[k];
                }
            }
            for (var k = 0; k <= i; k++) v[k][i + 1] = 0;
        }
        for (var j = 0; j < n; j++)
        {
            d[j] = v[n - 1][j];
            v[n - 1][j] = 0;
        }
        v[n - 1][n - 1] = 1;
        e[0] = 0;
    }

    /// <summary>Implicit QL (tql2) on the tridiagonal (<paramref name="d"/>, <paramref name="e"/>): on return
    /// <paramref name="d"/> holds the eigenvalues and row j of <paramref name="w"/> the eigenvector of d[j].</summary>
    private static void DiagonalizeTridiagonal(double[][] w, double[] d, double[] e)
    {
        var n = d.Length;
        for (var i = 1; i < n; i++) e[i - 1] = e[i];
        e[n - 1] = 0;
        double f = 0, largest = 0;
        var eps = Math.Pow(2, -52);
        for (var l = 0; l < n; l++)
        {
            largest = Math.Max(largest, Math.Abs(d[l]) + Math.Abs(e[l]));
            var m = l;
            while (m < n - 1 && Math.Abs(e[m]) > eps * largest) m++;
            if (m > l)
            {
                var iterations = 0;
                do
                {
                    if (++iterations > 60) throw new ArithmeticException("symmetric eigen-decomposition did not converge in 60 QL iterations");
                    // shift from the leading 2 x 2 block
                    var g = d[l];
                    var p = (d[l + 1] - g) / (2 * e[l]);
                    var r = double.Hypot(p, 1);
                    if (p < 0) r = -r;
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    var dl1 = d[l + 1];
                    var h = g - d[l];
                    for (var i = l + 2; i < n; i++) d[i] -= h;
                    f += h;
                    // QL sweep of Givens rotations from m up to l
                    p = d[m];
                    double c = 1, c2 = 1, c3 = 1, s = 0, s2 = 0;
                    var el1 = e[l + 1];
                    for (var i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = double.Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        Rotate(w[i], w[i + 1], c, s);
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                }
                while (Math.Abs(e[l]) > eps * largest);
            }
            d[l] += f;
            e[l] = 0;
        }
    }

    /// <summary>(a, b) ← (c a - s b, s a + c b), elementwise.</summary>
    private static void Rotate(double[] a, double[] b, double c, double s)
    {
        for (var k = 0; k < a.Length; k++)
        {
            var (x, y) = (a[k], b[k]);
            a[k] = c * x - s * y;
            b[k] = s * x + c * y;
        }
    }

    private static double[][] Transpose(double[][] v)
    {
        var n = v.Length;
        var t = new double[n][];
        for (var j = 0; j < n; j++)
        {
            t[j] = new double[n];
            for (var i = 0; i < n; i++) t[j][i] = v[i][j];
        }
        return t;
    }
}
