using Contrastive.Data.Text;

namespace Contrastive.Data.Tests;

public class SampleSetTests
{
    [Fact]
    public void Images_gather_the_chosen_rows_in_order_as_nchw()
    {
        float[] pixels = [.. Enumerable.Range(0, 3 * 2 * 2).Select(i => i / 12f)];
        var images = new ImageDataset(pixels, 3, 1, 2, 2, [0, 1, 0], null, "three");
        var batch = images.Gather([2, 0]);
        Assert.Equal([2, 1, 2, 2], batch.Shape.ToArray());
        Assert.Equal(pixels[8..12].Concat(pixels[0..4]), batch.ToArray());
        Assert.Contains("row 3 is outside [0, 3)", Assert.Throws<ArgumentOutOfRangeException>(() => images.Gather([3])).Message);
    }

    [Fact]
    public void Table_rows_gather_as_b_by_d()
    {
        var table = new TabularDataset([1, 2, 3, 4, 5, 6], 3, 2, null, ["a", "b"], "t.csv");
        var batch = table.Gather([1]);
        Assert.Equal([1, 2], batch.Shape.ToArray());
        Assert.Equal([3f, 4f], batch.ToArray());
        Assert.Equal(1000, ((ISampleSet)table).EmbeddingBatchSize);
    }

    [Fact]
    public void Sample_arrays_check_their_shape_and_labels_and_join()
    {
        var a = new SampleArray([1, 2, 3, 4], [1, 2], "a", [0, 1], classCount: 2);
        Assert.Equal((2, 2, 2), (a.Count, a.SampleSize, a.ClassCount));
        Assert.Equal([1, 1, 2], a.Gather([1]).Shape.ToArray());
        Assert.Contains("not a whole number of samples", Assert.Throws<ArgumentException>(() => new SampleArray([1, 2, 3], [1, 2], "odd")).Message);
        Assert.Contains("one per sample (2) in [0, 2)", Assert.Throws<ArgumentException>(() => new SampleArray([1, 2, 3, 4], [2], "l", [0, 2], 2)).Message);
        var joined = SampleArray.Concat([a, new SampleArray([5, 6], [1, 2], "b")], "both");
        Assert.Equal((3, "both"), (joined.Count, joined.Source));
        Assert.Null(joined.Labels);
        Assert.Equal([5f, 6f, 1f, 2f], joined.Gather([2, 0]).ToArray());
        Assert.Throws<ArgumentException>(() => SampleArray.Concat([a, new SampleArray([5, 6], [2], "c")], "mixed"));
    }

    [Fact]
    public void Texts_gather_as_token_ids_padded_to_the_longest()
    {
        var tokenizer = WordTokenizer.Build(["a b c", "d e"], 50);
        var texts = new TokenizedTexts(["a b c", "d", "e d"], tokenizer, maxLength: 8);
        var batch = texts.Gather([1, 0]);
        Assert.Equal([2, 5], batch.Shape.ToArray()); // [CLS] a b c [SEP] is the longest
        Assert.Equal(TokenBatch.Pack([tokenizer.Tokenize("d"), tokenizer.Tokenize("a b c")], tokenizer, 8).ToArray(), batch.ToArray());
        Assert.Equal(256, texts.EmbeddingBatchSize);
        Assert.Equal([1, 2, 0], texts.EmbeddingOrder); // by packed length: 3, 4, 5 ids
        Assert.Throws<ArgumentException>(() => new TokenizedTexts([], tokenizer, 8));
    }
}
