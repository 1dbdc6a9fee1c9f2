using Contrastive.Import;
using Contrastive.Models;
using Contrastive.Tensors;
using static Contrastive.Learning.Tests.Import.OnnxRuntimeReference;

namespace Contrastive.Learning.Tests.Import;

public class MiniLmImportTests
{
    private static readonly string[] s_sentences =
    [
        "A man is playing a guitar on the stage.",
        "Contrastive learning pulls two views of the same image together and pushes other images apart.",
        "Ankle boots, sneakers and sandals are all footwear.",
    ];

    [Fact]
    public void Imported_minilm_matches_onnx_runtime_mean_pooled_on_real_sentences()
    {
        var tokenizer = MiniLm.Tokenizer();
        var ids = tokenizer.EncodeBatch(s_sentences);
        int b = ids.Size(0), t = ids.Size(1);
        var inputIds = ids.Span.ToArray().Select(v => (long)v).ToArray();
        var mask = inputIds.Select(v => v == BertTextEncoder.PadId ? 0L : 1L).ToArray();
        var hidden = Run(MiniLm.ModelBytes(), Longs("input_ids", inputIds, b, t), Longs("attention_mask", mask, b, t), Longs("token_type_ids", new long[b * t], b, t));
        var expected = MeanPool(hidden, mask, b, t, 384);

        var encoder = MiniLm.Encoder();
        var actual = encoder.Inference(() => encoder.Forward(ids));

        Assert.Equal([b, 384], actual.Shape.ToArray());
        Assert.True(RelativeError(actual.Span, expected) < 1e-4, $"relative error {RelativeError(actual.Span, expected):E2}");
    }

    [Fact]
    public void Tokenizer_lower_cases_splits_word_pieces_and_pads_with_zero()
    {
        var tokenizer = MiniLm.Tokenizer();

        var ids = tokenizer.EncodeBatch(["Hello, World!", "embeddings"]);

        // [CLS] hello , world ! [SEP] / [CLS] em ##bed ##ding ##s [SEP]: BERT uncased ids
        Assert.Equal([101, 7592, 1010, 2088, 999, 102], ids.Span[..6].ToArray().Select(v => (int)v));
        Assert.Equal(101, (int)ids.Span[6]);
        Assert.Equal(102, (int)ids.Span[^1]);
        Assert.True(tokenizer.Encode(string.Join(' ', Enumerable.Repeat("word", 400))).Count == MiniLm.MaxWordPieces);
    }

    [Fact]
    public void A_graph_with_fewer_layers_than_the_encoder_names_where_it_stops()
    {
        var deeper = new BertTextEncoder(BertEncoderOptions.MiniLmL6 with { Layers = 7 }, new Rng(1));

        var error = Assert.Throws<InvalidDataException>(() => BertImporter.Import(OnnxModel.Parse(MiniLm.ModelBytes()), deeper));

        Assert.Contains("does not map", error.Message);
        Assert.Contains("layers.6", error.Message);
    }

    private static float[] MeanPool(float[] hidden, long[] mask, int b, int t, int d)
    {
        var pooled = new float[b * d];
        for (var r = 0; r < b; r++)
        {
            var count = mask.Skip(r * t).Take(t).Sum();
            for (var i = 0; i < t; i++)
                for (var k = 0; k < d && mask[r * t + i] == 1; k++) pooled[r * d + k] += hidden[(r * t + i) * d + k] / count;
        }
        return pooled;
    }
}
