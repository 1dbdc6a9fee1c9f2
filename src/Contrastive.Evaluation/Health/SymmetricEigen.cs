namespace Contrastive.Evaluation.Health;

/// <summary>
/// Eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method: plane rotations
/// A ← Jᵀ A J zero one off-diagonal entry at a time until the off-diagonal mass vanishes; the product
/// of the rotations holds the eigenvectors. O(n³) per sweep, a handful of sweeps; meant for n up to a few hundred.
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
        var a = matrix.ToArray();
        var v = new double[n * n];
        for (var i = 0; i < n; i++) v[i * n + i] = 1;
        var scale = 0.0;
        foreach (var x in a) scale += x * x;
        for (var sweep = 0; sweep < 100; sweep++)
        {
            var off = 0.0;
            for (var p = 0; p < n; p++)
                for (var q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
            if (off <= 1e-30 * scale || off == 0) break;
            for (var p = 0; p < n; p++)
                for (var q = p + 1; q < n; q++)
                    if (a[p * n + q] != 0) Rotate(a, v, n, p, q);
        }
        var order = Enumerable.Range(0, n).OrderByDescending(i => a[i * n + i]).ToArray();
        var values = order.Select(i => a[i * n + i]).ToArray();
        var vectors = order.Select(k => Enumerable.Range(0, n).Select(r => v[r * n + k]).ToArray()).ToArray();
        return (values, vectors);
    }

    // Rotation in the (p, q) plane that zeroes a[p, q]: θ = (a_qq - a_pp) / (2 a_pq), t = sgn θ / (|θ| + √(θ² + 1)),
    // c = 1/√(t² + 1), s = t·c; columns then rows: x'_p = c x_p - s x_q, x'_q = s x_p + c x_q.
    private static void Rotate(double[] a, double[] v, int n, int p, int q)
    {
        var theta = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q]);
        var t = (theta >= 0 ? 1 : -1) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        var c = 1 / Math.Sqrt(t * t + 1);
        var s = t * c;
        for (var k = 0; k < n; k++)
        {
            var (kp, kq) = (a[k * n + p], a[k * n + q]);
            a[k * n + p] = c * kp - s * kq;
            a[k * n + q] = s * kp + c * kq;
        }
        for (var k = 0; k < n; k++)
        {
            var (pk, qk) = (a[p * n + k], a[q * n + k]);
            a[p * n + k] = c * pk - s * qk;
            a[q * n + k] = s * pk + c * qk;
        }
        for (var k = 0; k < n; k++)
        {
            var (kp, kq) = (v[k * n + p], v[k * n + q]);
            v[k * n + p] = c * kp - s * kq;
            v[k * n + q] = s * kp + c * kq;
        }
    }
}
