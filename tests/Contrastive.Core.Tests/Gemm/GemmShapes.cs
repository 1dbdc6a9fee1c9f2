namespace Contrastive.Core.Tests.Gemm;

/// <summary>The shapes and scalar pairs every provider is checked on.</summary>
internal static class GemmShapes
{
    /// <summary>(m, n, k): degenerate, tiny, tall, wide, edge-heavy (not multiples of any tile) and multi-slice.</summary>
    public static readonly (int M, int N, int K)[] Shapes =
    [
        (1, 1, 1), (7, 13, 5), (1, 1000, 1), (33, 1, 65), (255, 257, 129), (300, 64, 288), (31, 70, 300), (3, 1100, 5),
    ];

    /// <summary>(alpha, beta): overwrite, accumulate, and general scalars.</summary>
    public static readonly (float Alpha, float Beta)[] Scalars = [(1f, 0f), (1f, 1f), (-1.5f, 0.25f)];

    /// <summary>Every shape with every transpose combination, as xunit rows.</summary>
    public static TheoryData<int, int, int, bool, bool> Cases()
    {
        var data = new TheoryData<int, int, int, bool, bool>();
        foreach (var (m, n, k) in Shapes)
            foreach (var transA in new[] { false, true })
                foreach (var transB in new[] { false, true })
                    data.Add(m, n, k, transA, transB);
        return data;
    }
}
