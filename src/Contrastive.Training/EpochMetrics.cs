using System.Text.Json;
using System.Text.Json.Serialization;
using Contrastive.IO;

namespace Contrastive.Training;

/// <summary>One line of <c>metrics.jsonl</c>: the figures of one finished epoch.</summary>
public sealed record EpochMetrics
{
    /// <summary>1-based epoch number.</summary>
    public int Epoch { get; init; }

    /// <summary>Mean training loss over the epoch's steps.</summary>
    public double Loss { get; init; }

    /// <summary>Learning rate at the epoch's last step.</summary>
    public double Lr { get; init; }

    /// <summary>Training throughput in augmented views per second (loading included).</summary>
    public double ViewsPerS { get; init; }

    /// <summary>Fraction of the epoch the training thread waited for the loader.</summary>
    public double LoaderWait { get; init; }

    /// <summary>Data-parallel runs: fraction of the epoch's training time rank 0 spent in collective operations (gradient
    /// all-reduce, embedding gathers), transfers and waiting for slower processes alike; null for one process.</summary>
    public double? CommunicationWait { get; init; }

    /// <summary>Wall-clock seconds of the epoch.</summary>
    public double Seconds { get; init; }

    /// <summary>kNN test accuracy of the encoder, when the data has labels.</summary>
    public double? KnnAccuracy { get; init; }

    /// <summary>Zero-shot test accuracy ("a photo of a {class}" prompts) of CLIP towers, when the data has labels.</summary>
    public double? ZeroShotAccuracy { get; init; }

    /// <summary>Mean per-dimension std of L2-normalised embeddings of the probe batch (collapse toward 0).</summary>
    public double? EmbeddingStd { get; init; }

    /// <summary><see cref="EmbeddingStd"/> relative to the healthy 1/sqrt(D): about 1 when spread, 0 when collapsed.</summary>
    public double? StdRatio { get; init; }

    /// <summary>Dimension D of the probe embeddings.</summary>
    public int? EmbeddingDim { get; init; }

    /// <summary>Effective rank of the probe embeddings.</summary>
    public double? EffectiveRank { get; init; }

    /// <summary>Alignment of positive pairs (lower is better).</summary>
    public double? Alignment { get; init; }

    /// <summary>Uniformity of the embeddings (lower is better).</summary>
    public double? Uniformity { get; init; }

    /// <summary>Collapse monitor status: ok, warning or collapsed.</summary>
    public string? Health { get; init; }

    /// <summary>The collapse monitor's explanation of <see cref="Health"/>.</summary>
    public string? HealthMessage { get; init; }

    /// <summary>The per-step losses of the epoch, for the report's loss curve.</summary>
    public IReadOnlyList<double>? StepLosses { get; init; }

    /// <summary>The per-step learning rates of the epoch.</summary>
    public IReadOnlyList<double>? StepLrs { get; init; }

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The JSON line.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, s_json);

    /// <summary>Parses a JSON line.</summary>
    public static EpochMetrics FromJson(string line) =>
        JsonSerializer.Deserialize<EpochMetrics>(line, s_json) ?? throw new InvalidDataException("empty metrics line");

    /// <summary>Reads a metrics.jsonl file.</summary>
    public static IReadOnlyList<EpochMetrics> ReadAll(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).Select(FromJson).ToList();

    /// <summary>Rewrites <paramref name="path"/> keeping only epochs up to <paramref name="lastEpoch"/> (used on resume,
    /// so lines of an interrupted epoch never appear twice). A last line cut short by a kill is dropped too.</summary>
    /// <exception cref="JsonException">A line before the last is not a metrics object.</exception>
    public static void Truncate(string path, int lastEpoch)
    {
        if (!File.Exists(path)) return;
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        if (lines.Count > 0 && !IsJson(lines[^1])) lines.RemoveAt(lines.Count - 1);
        WriteLines(path, lines.Where(l => FromJson(l).Epoch <= lastEpoch));
    }

    /// <summary>Adds <paramref name="metrics"/> as the last line of <paramref name="path"/>, atomically (the file is
    /// rewritten through a temporary file and a rename), so a kill never leaves a line cut short.</summary>
    public static void Append(string path, EpochMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var earlier = File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0) : [];
        WriteLines(path, earlier.Append(metrics.ToJson()));
    }

    private static void WriteLines(string path, IEnumerable<string> lines) =>
        AtomicFile.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));

    private static bool IsJson(string line)
    {
        try
        {
            FromJson(line);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
