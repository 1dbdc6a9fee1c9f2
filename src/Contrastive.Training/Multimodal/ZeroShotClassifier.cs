using Contrastive.Data;
using Contrastive.Data.Text;
using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Multimodal;

/// <summary>
/// Zero-shot classification with a two-tower model: each class is the normalised text embedding of a prompt
/// ("a photo of a {class}"; several templates are averaged), and an image gets the class of highest cosine
/// similarity. The class embeddings are computed once, from the model's weights at construction.
/// </summary>
public sealed class ZeroShotClassifier
{
    private readonly TwoTowerModel _model;
    private readonly Tensor _classes; // (K, E), unit rows

    /// <summary>The default prompt template; <c>{0}</c> is the class name.</summary>
    public const string DefaultTemplate = "a photo of a {0}";

    /// <summary>Builds the class embeddings of <paramref name="classNames"/> (in eval mode, without gradients).</summary>
    /// <exception cref="ArgumentException">There are no class names or no templates.</exception>
    public ZeroShotClassifier(TwoTowerModel model, WordTokenizer tokenizer, IReadOnlyList<string> classNames, int maxLength,
        IReadOnlyList<string>? templates = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(classNames);
        templates ??= [DefaultTemplate];
        if (classNames.Count == 0 || templates.Count == 0) throw new ArgumentException("zero-shot classification needs class names and at least one template");
        _model = model;
        ClassNames = classNames;
        _classes = model.Inference(() =>
        {
            // Mean of the unit prompt embeddings per class, renormalised: (K, E).
            var sum = Tensor.Zeros(classNames.Count, model.OutputDim);
            foreach (var template in templates)
            {
                var prompts = classNames.Select(c => tokenizer.Encode(Format(template, c), maxLength)).ToList();
                sum = Ops.Add(sum, Ops.L2Normalize(model.EmbedTexts(TransformerTextEncoder.IdsToTensor(prompts)), 1));
            }
            return Ops.L2Normalize(sum, 1);
        });
    }

    /// <summary>The classes, in label order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The default prompt for a class.</summary>
    public static string Prompt(string className) => Format(DefaultTemplate, className);

    /// <summary>Cosine similarities (B, K) of images (B, C, H, W) to every class.</summary>
    public Tensor Similarities(Tensor images) =>
        _model.Inference(() => Ops.MatMul(Ops.L2Normalize(_model.EmbedImages(images), 1), _classes, transB: true));

    /// <summary>The predicted class of each image.</summary>
    public int[] Predict(Tensor images)
    {
        var s = Similarities(images);
        int b = s.Size(0), k = s.Size(1);
        var predictions = new int[b];
        var values = s.Span;
        for (var i = 0; i < b; i++)
        {
            var row = values.Slice(i * k, k);
            var best = 0;
            for (var j = 1; j < k; j++) if (row[j] > row[best]) best = j;
            predictions[i] = best;
        }
        return predictions;
    }

    /// <summary>The fraction of <paramref name="data"/> classified correctly, in batches of <paramref name="batchSize"/>.</summary>
    /// <exception cref="ArgumentException">The data has no labels, or its class count differs from the classifier's.</exception>
    public double Accuracy(ImageDataset data, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (data.Labels is not { } labels || data.ClassCount > ClassNames.Count)
            throw new ArgumentException($"{data.Source}: zero-shot accuracy needs labels of at most {ClassNames.Count} classes");
        var correct = 0;
        for (var start = 0; start < data.Count; start += batchSize)
        {
            var n = Math.Min(batchSize, data.Count - start);
            var images = new Tensor(data.Pixels.Slice(start * data.ImageSize, n * data.ImageSize).ToArray(), [n, data.Channels, data.Height, data.Width]);
            var predicted = Predict(images);
            for (var i = 0; i < n; i++) if (predicted[i] == labels[start + i]) correct++;
        }
        return data.Count == 0 ? 0 : (double)correct / data.Count;
    }

    private static string Format(string template, string className) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, template, className);
}
