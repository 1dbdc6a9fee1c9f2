using System.Globalization;
using Contrastive.Evaluation.Verification;

namespace Contrastive.Cli;

/// <summary>Reads verification pairs from a CSV of test-set indices: <c>first,second,same</c> per line (same = 0 or 1; a header line is allowed).</summary>
internal static class PairsFile
{
    public static IReadOnlyList<TestPair> Read(string path, int testCount)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--pairs {path}: file not found");
        var pairs = new List<TestPair>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || (lineNumber == 1 && !char.IsDigit(line.TrimStart()[0]))) continue;
            var parts = line.Split(',');
            if (parts.Length != 3 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var a) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var b)
                || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out var same) || same is not (0 or 1))
                throw new InvalidDataException($"{path}:{lineNumber}: expected 'first,second,same' with same 0 or 1, got '{line}'");
            if ((uint)a >= (uint)testCount || (uint)b >= (uint)testCount)
                throw new InvalidDataException($"{path}:{lineNumber}: index out of range for {testCount} test samples");
            pairs.Add(new TestPair(a, b, same == 1));
        }
        if (pairs.Count == 0) throw new InvalidDataException($"{path}: no pairs");
        return pairs;
    }
}
