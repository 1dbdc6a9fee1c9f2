using Contrastive.Testing;

namespace Contrastive.Evaluation.Tests;

/// <summary>Access to tests/reference/metrics.json and this project's Reference/eval_vectors.json.</summary>
internal static class EvalVectors
{
    public static ReferenceCase Shared(string name) => ReferenceData.Case("metrics.json", name);

    public static ReferenceCase Local(string name) =>
        ReferenceData.Load(Path.Combine(ReferenceData.RepositoryRoot, "tests", "Contrastive.Evaluation.Tests", "Reference", "eval_vectors.json"))
            .First(c => c.Name == name);

    public static int[] Ints(this ReferenceCase c, string name) => [.. c.Get(name).ToArray().Select(v => (int)MathF.Round(v))];

    public static float[] Floats(this ReferenceCase c, string name) => c.Get(name).ToArray();

    public static double Scalar(this ReferenceCase c, string name) => c.Get(name).Item();

    /// <summary>Asserts |actual - expected| &lt;= 1e-6 + 1e-5 |expected| element-wise (reference values are rounded to 1e-9).</summary>
    public static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, string what)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: length {actual.Count} but expected {expected.Count}");
        for (var i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 + 1e-5 * Math.Abs(expected[i]), $"{what}[{i}] is {actual[i]:G9} but expected {expected[i]:G9}");
    }

    public static void Close(double expected, double actual, string what) => Close([expected], [actual], what);
}
