using BenchmarkDotNet.Attributes;
using Contrastive.Gemm;

namespace Contrastive.Benchmarks;

/// <summary>
/// Managed vs OpenBLAS SGEMM on cubes and the bench model's convolution GEMMs, on 1 and 2 threads.
/// Run: <c>dotnet run -c Release --project benchmarks/Contrastive.Benchmarks -- --filter *GemmBenchmarks*</c>.
/// GFLOP/s = <see cref="GemmShape.Flops"/> / mean time.
/// </summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private IGemmProvider _provider = null!;
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];

    public static IEnumerable<GemmShape> Shapes => GemmShape.All;

    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = GemmShape.All[0];

    [Params("managed", "openblas")]
    public string Provider { get; set; } = "managed";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _provider = GemmProviders.Create(Provider);
        _provider.SetThreads(Threads);
        var rng = new Random(42);
        _a = Random(rng, (long)Shape.M * Shape.K);
        _b = Random(rng, (long)Shape.K * Shape.N);
        _c = new float[(long)Shape.M * Shape.N];
    }

    [Benchmark]
    public void Sgemm() => _provider.Sgemm(Shape.TransA, Shape.TransB, Shape.M, Shape.N, Shape.K, 1f,
        _a, Shape.TransA ? Shape.M : Shape.K, _b, Shape.TransB ? Shape.K : Shape.N, 0f, _c, Shape.N);

    private static float[] Random(Random rng, long length)
    {
        var data = new float[length];
        for (var i = 0; i < data.Length; i++) data[i] = rng.NextSingle() - 0.5f;
        return data;
    }
}
