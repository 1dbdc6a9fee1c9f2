using System.Numerics.Tensors;

namespace Contrastive.Evaluation.Regression;

/// <summary>Solves A X = B for a symmetric positive-definite A (n x n, row-major, double) through A = L L^T.</summary>
internal static class Cholesky
{
    /// <summary>Overwrites the lower triangle of <paramref name="a"/> with L (the upper triangle is left as it was).</summary>
    /// <exception cref="ArgumentException">A is not positive definite (a pivot is not positive).</exception>
    public static void Factor(double[] a, int n)
    {
        for (var j = 0; j < n; j++)
        {
            var rowJ = a.AsSpan(j * n, j);
            var pivot = a[j * n + j] - TensorPrimitives.Dot<double>(rowJ, rowJ);
            if (!(pivot > 0)) throw new ArgumentException($"the matrix is not positive definite (pivot {pivot:G4} at row {j})");
            var diagonal = Math.Sqrt(pivot);
            a[j * n + j] = diagonal;
            for (var i = j + 1; i < n; i++)
                a[i * n + j] = (a[i * n + j] - TensorPrimitives.Dot<double>(a.AsSpan(i * n, j), rowJ)) / diagonal;
        }
    }

    /// <summary>Overwrites <paramref name="b"/> (n x cols, row-major) with A^-1 B, given L from <see cref="Factor"/>.</summary>
    public static void Solve(double[] l, int n, double[] b, int cols)
    {
        for (var c = 0; c < cols; c++)
        {
            for (var i = 0; i < n; i++) // L y = b
            {
                var s = b[i * cols + c];
                for (var k = 0; k < i; k++) s -= l[i * n + k] * b[k * cols + c];
                b[i * cols + c] = s / l[i * n + i];
            }
            for (var i = n - 1; i >= 0; i--) // L^T x = y
            {
                var s = b[i * cols + c];
                for (var k = i + 1; k < n; k++) s -= l[k * n + i] * b[k * cols + c];
                b[i * cols + c] = s / l[i * n + i];
            }
        }
    }
}
