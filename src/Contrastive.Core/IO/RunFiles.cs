namespace Contrastive.IO;

/// <summary>
/// The names of the files a run folder holds (<c>contrastive train --out DIR</c>, and what <c>eval</c>, <c>serve</c>,
/// <c>compress</c> and <c>rl</c> write), spelled once. It sits in the core, beside <see cref="AtomicFile"/>, below every
/// assembly that names one of them: the data layer already does (<see cref="Audio"/>), and so does the evaluation layer
/// (<see cref="Evaluation"/>).
/// </summary>
public static class RunFiles
{
    /// <summary>The online model's weights, PyTorch <c>state_dict</c> keys.</summary>
    public const string Model = "model.safetensors";

    /// <summary>Every hyper-parameter of the run; <c>--config</c> reads it back.</summary>
    public const string Config = "config.json";

    /// <summary>One JSON object per finished epoch.</summary>
    public const string Metrics = "metrics.jsonl";

    /// <summary>Model, optimiser and method state, epoch and step, for <c>--resume</c>.</summary>
    public const string Checkpoint = "checkpoint.safetensors";

    /// <summary>A CLIP or text run's word-level vocabulary.</summary>
    public const string Tokenizer = "tokenizer.json";

    /// <summary>A table run's per-feature mean and std of the training split.</summary>
    public const string Standardization = "standardization.json";

    /// <summary>An audio run's feature settings (resampling, log-mel, mean and std).</summary>
    public const string Audio = "audio.json";

    /// <summary>An audio run's MFCC-means baseline figures.</summary>
    public const string MfccBaseline = "mfcc-baseline.json";

    /// <summary>The evaluation figures (kNN, linear probe, verification, retrieval, health, baseline).</summary>
    public const string Evaluation = "eval.json";

    /// <summary>The self-contained HTML report.</summary>
    public const string Report = "report.html";

    /// <summary>A text run's held-out evaluation next to TF-IDF.</summary>
    public const string TextEvaluation = "text-eval.json";

    /// <summary>The gallery embeddings <c>serve</c> keeps next to the run, reused while the model and gallery match.</summary>
    public const string GalleryIndex = "gallery-index.safetensors";

    /// <summary><c>rl --out</c>: the state read-out figures (R^2).</summary>
    public const string RlEvaluation = "rl-eval.json";

    /// <summary><c>rl --out</c>: the loss of every step.</summary>
    public const string RlLoss = "loss.json";
}
