using Contrastive.Data;
using Contrastive.Data.Datasets;
using Contrastive.Data.Text;
using Contrastive.Evaluation;
using Contrastive.Models;
using Contrastive.Multimodal;

namespace Contrastive.Runs;

/// <summary>
/// The CLIP-only part of a run's final evaluation: zero-shot accuracy from class-name prompts (when the test images
/// have labels and class names) and image-text retrieval over the held-out pairs (<see cref="CrossModalRetrieval"/>).
/// </summary>
/// <param name="TestPairs">The held-out image-text pairs, tokenized with the run's tokenizer.</param>
public sealed record ImageTextEvaluation(ImageTextDataset TestPairs)
{
    /// <summary>Adds the zero-shot accuracy and the retrieval figures of <paramref name="towers"/> to <paramref name="result"/>;
    /// <paramref name="testImages"/> are the towers' embeddings of the test images when the caller has them (null: computed).</summary>
    public EvaluationResult AddTo(EvaluationResult result, TwoTowerModel towers, EmbeddingMatrix? testImages = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(towers);
        var zeroShot = ZeroShotEvaluation.For(TestPairs.Images, TestPairs.Tokenizer, TestPairs.MaxLength);
        return result with
        {
            ZeroShotAccuracy = zeroShot?.Accuracy(towers),
            ImageText = CrossModalRetrieval.Evaluate(towers, TestPairs, testImages),
        };
    }

    /// <summary>
    /// The test pairs of <paramref name="spec"/> as the run trained on them: a JSONL file's test part, or for labeled
    /// images (<paramref name="images"/>) their seeded synthetic captions.
    /// </summary>
    /// <exception cref="DatasetException">The data is missing or malformed.</exception>
    /// <exception cref="ArgumentException">Image data without labels or class names to caption.</exception>
    public static ImageTextEvaluation For(string spec, ImageDatasetSplit images, TrainConfig config, WordTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(config);
        var maxLength = config.MaxTextLength ?? MethodDefaults.MaxTextLength;
        if (ClipRun.IsImageText(spec)) return new(ImageTextSplit.FromJsonl(spec, maxLength, tokenizer).Test);
        return new(ImageTextDataset.FromLabeled(images.Test, maxLength, (ulong)config.Seed, tokenizer));
    }
}
