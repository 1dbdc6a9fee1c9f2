namespace Contrastive.Benchmarks;

/// <summary>One benchmarked product C (m x n) = op(A) op(B) with inner size k.</summary>
public sealed record GemmShape(string Name, int M, int N, int K, bool TransA = false, bool TransB = false)
{
    /// <summary>
    /// Square cubes, then the bench model's convolutions as im2col GEMMs for a batch of 256 (M = B * OH * OW):
    /// forward col (M x K) @ W (K x N), grad_w = col^T @ g (K x N, inner M), grad_col = g @ W^T (M x K, inner N).
    /// </summary>
    public static IReadOnlyList<GemmShape> All { get; } =
    [
        new("cube256", 256, 256, 256),
        new("cube512", 512, 512, 512),
        new("cube1024", 1024, 1024, 1024),
        .. Conv("conv1", 200704, 9, 32),
        .. Conv("conv2", 50176, 288, 64),
        .. Conv("conv3", 12544, 576, 128),
    ];

    /// <summary>Total floating-point operations of one product (2 m n k).</summary>
    public double Flops => 2.0 * M * N * K;

    public override string ToString() => Name;

    private static GemmShape[] Conv(string name, int m, int k, int n) =>
    [
        new($"{name}.fwd", m, n, k),
        new($"{name}.grad_w", k, n, m, TransA: true),
        new($"{name}.grad_col", m, k, n, TransB: true),
    ];
}
