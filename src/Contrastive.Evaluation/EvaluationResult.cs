using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Contrastive.Evaluation.Classification;
using Contrastive.Evaluation.Health;
using Contrastive.Evaluation.Retrieval;
using Contrastive.Evaluation.Verification;
using Contrastive.IO;

namespace Contrastive.Evaluation;

/// <summary>Every figure of one evaluation run; <see cref="ToJson"/> gives eval.json.</summary>
/// <param name="TrainCount">Training (memory) embeddings.</param>
/// <param name="TestCount">Test (query) embeddings.</param>
/// <param name="Dim">Embedding dimension.</param>
/// <param name="Knn">kNN classification, when run.</param>
/// <param name="LinearProbe">Linear probe, when run.</param>
/// <param name="Verification">Pair verification on test pairs, when run.</param>
/// <param name="Retrieval">Leave-one-out retrieval on the test set, when run.</param>
/// <param name="Health">Representation health of (a subsample of) the test set, when run.</param>
/// <param name="Baseline">kNN and linear probe on the raw inputs, when run.</param>
/// <param name="ZeroShotAccuracy">Zero-shot test accuracy of a two-tower (CLIP) model from class-name prompts, when run.</param>
/// <param name="ImageText">Image-to-text and text-to-image retrieval of a two-tower (CLIP) model on test pairs, when run.</param>
/// <param name="FewLabels">kNN and linear probe with few labels per class (<see cref="LabelEfficiency"/>), when run.</param>
/// <param name="SupervisedFewLabels">The same encoder architecture trained with labels on the same few labels per class, when run.</param>
public sealed record EvaluationResult(int TrainCount, int TestCount, int Dim, KnnEvaluation? Knn, LinearProbeEvaluation? LinearProbe,
    VerificationResult? Verification, RetrievalResult? Retrieval, HealthReport? Health, BaselineEvaluation? Baseline = null,
    double? ZeroShotAccuracy = null, ImageTextRetrieval? ImageText = null, IReadOnlyList<FewLabelAccuracy>? FewLabels = null,
    IReadOnlyList<SupervisedFewLabelAccuracy>? SupervisedFewLabels = null)
{
    /// <summary>camelCase names, enums as strings, NaN and infinities as "NaN"/"Infinity", indented.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    /// <summary>The result as JSON (eval.json).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a result written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not an evaluation result.</exception>
    public static EvaluationResult FromJson(string json) =>
        JsonSerializer.Deserialize<EvaluationResult>(json, JsonOptions) ?? throw new JsonException($"{RunFiles.Evaluation} holds null instead of an evaluation result");

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/> through a temporary file.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());
}
