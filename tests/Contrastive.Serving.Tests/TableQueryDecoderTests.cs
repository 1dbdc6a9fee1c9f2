using Contrastive.Data;
using Contrastive.Data.Datasets;

namespace Contrastive.Serving.Tests;

public class TableQueryDecoderTests
{
    private static readonly FeatureStandardizer s_standardizer = FeatureStandardizer.Fit(
        new TabularDataset([1, 10, 3, 30, 5, 20], 3, 2, null, ["a", "b"], "train"));

    [Fact]
    public void Rows_are_standardised_with_the_training_statistics()
    {
        var batch = new TableQueryDecoder(s_standardizer).DecodeRows([[3f, 20f], [5f, 30f]]);
        Assert.Equal(new[] { 2, 2 }, batch.Shape.ToArray());
        var expected = new[] { 3f, 20f, 5f, 30f };
        for (var i = 0; i < 4; i++) expected[i] = (expected[i] - s_standardizer.Mean[i % 2]) / s_standardizer.Std[i % 2];
        Assert.Equal(expected, batch.ToArray());
    }

    [Fact]
    public void Bad_rows_and_images_are_refused_with_the_reason()
    {
        var decoder = new TableQueryDecoder(s_standardizer);
        Assert.Contains("rows[1] has 3 values; this model takes rows of 2 features (a, b)",
            Assert.Throws<QueryException>(() => decoder.DecodeRows([[1f, 2f], [1f, 2f, 3f]])).Message);
        Assert.Contains("rows[0][1] (b) is Infinity",
            Assert.Throws<QueryException>(() => decoder.DecodeRows([[1f, float.PositiveInfinity]])).Message);
        Assert.Contains("not images; send \"rows\"", Assert.Throws<QueryException>(() => decoder.DecodeImages(["AAAA"])).Message);
    }
}
