using Contrastive.Data;
using Contrastive.Data.Text;
using Contrastive.Models;

namespace Contrastive.Multimodal;

/// <summary>
/// Zero-shot accuracy of CLIP towers on a labeled test set: every class is the text embedding of the prompt
/// "a photo of a {class}" (<see cref="ZeroShotClassifier"/>), and an image gets the nearest class.
/// </summary>
public sealed class ZeroShotEvaluation
{
    private readonly WordTokenizer _tokenizer;
    private readonly int _maxLength;
    private readonly ImageDataset _test;
    private readonly IReadOnlyList<string> _classNames;

    private ZeroShotEvaluation(WordTokenizer tokenizer, int maxLength, ImageDataset test, IReadOnlyList<string> classNames) =>
        (_tokenizer, _maxLength, _test, _classNames) = (tokenizer, maxLength, test, classNames);

    /// <summary>The evaluation on <paramref name="test"/>, or null when it has no labels or no class names to prompt with.</summary>
    public static ZeroShotEvaluation? For(ImageDataset test, WordTokenizer tokenizer, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(tokenizer);
        return test.Labels is null || test.ClassNames is not { } names ? null : new ZeroShotEvaluation(tokenizer, maxLength, test, names);
    }

    /// <summary>The fraction of test images whose nearest prompt is their class (in eval mode, without gradients).</summary>
    public double Accuracy(TwoTowerModel towers) => new ZeroShotClassifier(towers, _tokenizer, _classNames, _maxLength).Accuracy(_test);
}
