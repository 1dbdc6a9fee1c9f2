using System.Globalization;
using Contrastive.Evaluation.Verification;
using Contrastive.Tensors;

namespace Contrastive.Cli;

/// <summary>Reads verification pairs from a CSV of test-set indices: <c>first,second,same</c> per line (same = 0 or 1; a header line is allowed).</summary>
internal static class PairsFile
{
    public static PairScores Read(string path, Tensor embeddings)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--pairs {path}: file not found");
        var normalised = Ops.L2Normalize(embeddings, 1);
        var (n, d) = (embeddings.Size(0), embeddings.Size(1));
        var z = normalised.Span.ToArray();
        var scores = new List<float>();
        var labels = new List<int>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || (lineNumber == 1 && !char.IsDigit(line.TrimStart()[0]))) continue;
            var parts = line.Split(',');
            if (parts.Length != 3 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var a) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var b)
                || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out var same) || same is not (0 or 1))
                throw new InvalidDataException($"{path}:{lineNumber}: expected 'first,second,same' with same 0 or 1, got '{line}'");
            if ((uint)a >= (uint)n || (uint)b >= (uint)n)
                throw new InvalidDataException($"{path}:{lineNumber}: index out of range for {n} test samples");
            scores.Add(System.Numerics.Tensors.TensorPrimitives.Dot(z.AsSpan(a * d, d), z.AsSpan(b * d, d)));
            labels.Add(same);
        }
        if (scores.Count == 0) throw new InvalidDataException($"{path}: no pairs");
        return new PairScores([.. scores], [.. labels]);
    }
}
