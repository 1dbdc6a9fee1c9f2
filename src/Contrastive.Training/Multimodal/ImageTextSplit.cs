using Contrastive.Data;
using Contrastive.Data.Datasets;
using Contrastive.Data.Text;

namespace Contrastive.Multimodal;

/// <summary>
/// Train and test image-text pairs for CLIP, sharing the tokenizer built on the training captions (the test pairs
/// never shape the vocabulary). <see cref="Images"/> is the image split that kNN and zero-shot evaluation see.
/// </summary>
/// <param name="Train">The pairs to train on.</param>
/// <param name="Test">The held-out pairs, tokenized with the training tokenizer.</param>
public sealed record ImageTextSplit(ImageTextDataset Train, ImageTextDataset Test)
{
    /// <summary>The images of both parts.</summary>
    public ImageDatasetSplit Images => new(Train.Images, Test.Images);

    /// <summary>The tokenizer of both parts.</summary>
    public WordTokenizer Tokenizer => Train.Tokenizer;

    /// <summary>The token length captions are packed to.</summary>
    public int MaxLength => Train.MaxLength;

    /// <summary>
    /// A labeled image split with <see cref="SyntheticCaptions"/> (seeded); the tokenizer knows every caption word of the
    /// training part and every word of the zero-shot prompts.
    /// </summary>
    /// <exception cref="ArgumentException">A part has no labels or no class names.</exception>
    public static ImageTextSplit FromLabeled(ImageDatasetSplit data, int maxLength, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        var train = ImageTextDataset.FromLabeled(data.Train, maxLength, seed);
        return new ImageTextSplit(train, ImageTextDataset.FromLabeled(data.Test, maxLength, seed, train.Tokenizer));
    }

    /// <summary>
    /// The pairs of a JSON Lines file (<see cref="ImageTextJsonl"/>), split deterministically into train and test as
    /// <see cref="DatasetResolver"/> splits an unlabeled image folder (the default <see cref="ImageLoadOptions"/>).
    /// Without a tokenizer, one is built from the training captions.
    /// </summary>
    /// <exception cref="DatasetException">The file or an image is missing or malformed, or there are too few pairs to split.</exception>
    public static ImageTextSplit FromJsonl(string path, int maxLength, WordTokenizer? tokenizer = null)
    {
        var (images, captions) = ImageTextJsonl.Load(path);
        var options = new ImageLoadOptions();
        var (train, test) = Splits.Stratified(images.Count, labels: null, options.TestFraction, options.SplitSeed);
        if (train.Length == 0 || test.Length == 0)
            throw new DatasetException(path, $"{images.Count} image-text pairs are too few for a train/test split (test fraction {options.TestFraction})");
        string[] Captions(int[] part) => Array.ConvertAll(part, i => captions[i]);
        tokenizer ??= WordTokenizer.Build(Captions(train), maxVocabularySize: 10_000);
        return new ImageTextSplit(
            new ImageTextDataset(images.Subset(train, path + " (train part)"), Captions(train), tokenizer, maxLength),
            new ImageTextDataset(images.Subset(test, path + " (test part)"), Captions(test), tokenizer, maxLength));
    }
}
