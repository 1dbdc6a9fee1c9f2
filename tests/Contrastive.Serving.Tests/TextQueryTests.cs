using Contrastive.Data;
using Contrastive.Data.Text;
using Contrastive.Models;
using Contrastive.Tensors;
using Contrastive.Testing;
using Contrastive.Training;

namespace Contrastive.Serving.Tests;

/// <summary>Text queries against an image gallery through a CLIP-style two-tower model's text tower.</summary>
public class TextQueryTests
{
    private const int MaxLength = 8;
    private static readonly WordTokenizer s_tokenizer = WordTokenizer.Build(["a dark square", "a bright square"], 20);

    [Fact]
    public void Texts_are_embedded_by_the_text_tower_and_search_the_image_gallery()
    {
        var rng = new Rng(21);
        var text = new TransformerTextEncoder(rng, new TextEncoderOptions(s_tokenizer.VocabularySize, MaxLength) { ModelDim = 8, Heads = 2, Layers = 1 });
        var towers = new TwoTowerModel(new MlpEncoder(rng, 16, [12], 10), text, embedDim: 6, rng);
        var gallery = new ImageDataset(Tensor.Uniform(new Rng(22), 0, 1, 5, 1, 4, 4).ToArray(), 5, 1, 4, 4, null, null, "gallery");
        var galleryEmbeddings = Embedder.Embed(towers, gallery);
        var service = new EmbeddingService("clip", new EncoderPool(new EncoderReplica(towers, new TextQueryEncoder(towers, s_tokenizer, MaxLength))),
            new ImageQueryDecoder(1, 4, 4), galleryEmbeddings, new Gallery("gallery", null, null));

        var embedded = service.Embed(new QueryItems { Texts = ["a bright square", "a dark square"] });
        var ids = TransformerTextEncoder.IdsToTensor([s_tokenizer.Encode("a bright square", MaxLength), s_tokenizer.Encode("a dark square", MaxLength)]);
        TensorAssert.Close(towers.Inference(() => towers.EmbedTexts(ids)), embedded, "text embeddings", rel: 1e-5, abs: 1e-6);
        Assert.True(towers.Training); // the service left the model's mode alone

        var hits = service.Similar(new SimilarQuery { Texts = ["a bright square"], K = 5 }).Single();
        var expected = Enumerable.Range(0, 5).Select(i => Cosine(embedded.Span[..6], galleryEmbeddings.Span.Slice(i * 6, 6))).ToArray();
        Assert.Equal(Enumerable.Range(0, 5).OrderByDescending(i => expected[i]), hits.Select(h => h.Index));
        foreach (var hit in hits) Assert.Equal(expected[hit.Index], hit.Similarity, 5);
        Assert.Equal("1x4x4 images or texts", service.InputDescription);
    }

    private static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++) (dot, aa, bb) = (dot + a[i] * b[i], aa + a[i] * a[i], bb + b[i] * b[i]);
        return (float)(dot / Math.Sqrt(aa * bb));
    }
}
