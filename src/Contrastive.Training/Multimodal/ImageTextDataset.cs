using Contrastive.Data;
using Contrastive.Data.Text;
using Contrastive.Methods;
using Contrastive.Models;
using Contrastive.Tensors;

namespace Contrastive.Multimodal;

/// <summary>
/// Paired images and texts for two-tower (CLIP) training: image i goes with caption i, tokenized to a fixed length
/// (ids, padding mask). <see cref="Batch"/> yields the <see cref="TrainingBatch"/> the <see cref="Clip"/> method
/// takes: <c>Views[0]</c> images (B, C, H, W), <c>Views[1]</c> token ids (B, T) as floats with PAD = 0.
/// </summary>
public sealed class ImageTextDataset
{
    private readonly EncodedText[] _texts;

    /// <summary>Pairs <paramref name="images"/> with <paramref name="captions"/>, tokenized to <paramref name="maxLength"/> ids.</summary>
    /// <exception cref="ArgumentException">The counts differ, or maxLength leaves no room for a word.</exception>
    public ImageTextDataset(ImageDataset images, IReadOnlyList<string> captions, WordTokenizer tokenizer, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(captions);
        ArgumentNullException.ThrowIfNull(tokenizer);
        if (captions.Count != images.Count)
            throw new ArgumentException($"{images.Source}: {images.Count} images but {captions.Count} captions", nameof(captions));
        Images = images;
        Captions = captions;
        Tokenizer = tokenizer;
        MaxLength = maxLength;
        _texts = [.. captions.Select(c => tokenizer.Encode(c, maxLength))];
    }

    /// <summary>The images (with labels when the source had them).</summary>
    public ImageDataset Images { get; }

    /// <summary>The caption of each image.</summary>
    public IReadOnlyList<string> Captions { get; }

    /// <summary>The tokenizer the captions were encoded with.</summary>
    public WordTokenizer Tokenizer { get; }

    /// <summary>The token length every caption is packed to.</summary>
    public int MaxLength { get; }

    /// <summary>The number of pairs.</summary>
    public int Count => Images.Count;

    /// <summary>The encoded caption of pair <paramref name="index"/>.</summary>
    public EncodedText Text(int index) => _texts[index];

    /// <summary>The pairs at <paramref name="indices"/> as a two-view batch for step <paramref name="step"/>.</summary>
    /// <exception cref="ArgumentException">The index list is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, Count).</exception>
    public TrainingBatch Batch(IReadOnlyList<int> indices, long step)
    {
        var tokens = TokenIds(indices);
        var size = Images.ImageSize;
        var pixels = new float[indices.Count * size];
        for (var i = 0; i < indices.Count; i++) Images.Image(indices[i]).CopyTo(pixels.AsSpan(i * size, size));
        var images = new Tensor(pixels, [indices.Count, Images.Channels, Images.Height, Images.Width]);
        var labels = Images.Labels is { } all ? indices.Select(i => all[i]).ToArray() : null;
        return new TrainingBatch([images, tokens], labels, [.. indices], step);
    }

    /// <summary>The token ids (B, T) of the captions at <paramref name="indices"/>, as floats with PAD = 0.</summary>
    /// <exception cref="ArgumentException">The index list is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, Count).</exception>
    public Tensor TokenIds(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Count == 0) throw new ArgumentException("a batch needs at least one pair", nameof(indices));
        var texts = new EncodedText[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)indices[i], (uint)Count, nameof(indices));
            texts[i] = _texts[indices[i]];
        }
        return TransformerTextEncoder.IdsToTensor(texts);
    }

    /// <summary>
    /// Pairs a labeled dataset with <see cref="SyntheticCaptions"/> (seeded). Without a tokenizer, one is built from the
    /// captions and the zero-shot prompts "a photo of a {class}", so no prompt word is unknown.
    /// </summary>
    /// <exception cref="ArgumentException">The dataset has no labels or no class names.</exception>
    public static ImageTextDataset FromLabeled(ImageDataset labeled, int maxLength, ulong seed, WordTokenizer? tokenizer = null)
    {
        ArgumentNullException.ThrowIfNull(labeled);
        if (labeled.Labels is null || labeled.ClassNames is null)
            throw new ArgumentException($"{labeled.Source}: synthetic captions need labels and class names", nameof(labeled));
        var captions = SyntheticCaptions.ForLabels(labeled.Labels, labeled.ClassNames, seed);
        tokenizer ??= WordTokenizer.Build(captions.Concat(labeled.ClassNames.Select(ZeroShotClassifier.Prompt)), maxVocabularySize: 10_000);
        return new ImageTextDataset(labeled, captions, tokenizer, maxLength);
    }
}
