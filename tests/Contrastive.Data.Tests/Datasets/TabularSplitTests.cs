using System.Globalization;
using System.Text;
using Contrastive.Data.Datasets;
using Contrastive.Data.Formats;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Datasets;

/// <summary>CSV tables as train/test splits, and the feature standardisation a run stores.</summary>
public sealed class TabularSplitTests
{
    /// <summary>60 rows: column a = 10 i, column b = -i / 100 (different scales), label 'p' or 'q' alternating.</summary>
    private static string Table(TempDirectory dir)
    {
        var text = new StringBuilder("a,b,label\n");
        for (var i = 0; i < 60; i++)
            text.Append(CultureInfo.InvariantCulture, $"{10 * i},{-i / 100.0},{(i % 2 == 0 ? "p" : "q")}\n");
        return dir.Write("t.csv", text.ToString());
    }

    [Fact]
    public void CsvPaths_AreTables()
    {
        Assert.True(DatasetResolver.IsTable("data/x.CSV"));
        Assert.False(DatasetResolver.IsTable("demo"));
        Assert.False(DatasetResolver.IsTable("images/"));
    }

    [Fact]
    public void LoadTable_SplitsPerClassDeterministically()
    {
        using var dir = new TempDirectory();
        var path = Table(dir);
        var (train, test, names) = DatasetResolver.LoadTable(path, "label");
        Assert.Equal(["p", "q"], names);
        Assert.Equal((48, 12), (train.Count, test.Count));
        Assert.Equal(6, test.Labels!.Count(l => l == 0));
        Assert.Equal(["a", "b"], train.ColumnNames);
        var again = DatasetResolver.LoadTable(path, "label");
        Assert.Equal(train.Features.ToArray(), again.Train.Features.ToArray());
        Assert.Equal(test.Labels, again.Test.Labels);
        // Every row is in exactly one part.
        var firstColumn = train.Features.ToArray().Where((_, i) => i % 2 == 0).Concat(test.Features.ToArray().Where((_, i) => i % 2 == 0));
        Assert.Equal(Enumerable.Range(0, 60).Select(i => 10f * i), firstColumn.Order());
    }

    [Fact]
    public void LoadTable_RejectsTooFewRowsAndUnknownLabelColumns()
    {
        using var dir = new TempDirectory();
        Assert.Contains("too few", Assert.Throws<DatasetException>(() => DatasetResolver.LoadTable(dir.Write("one.csv", "a\n1\n"), null)).Message);
        var error = Assert.Throws<DatasetException>(() => DatasetResolver.LoadTable(Table(dir), "class"));
        Assert.Contains("label column 'class' not found", error.Message);
    }

    [Fact]
    public void Standardizer_UsesTheTrainStatisticsForEveryPart()
    {
        using var dir = new TempDirectory();
        var split = DatasetResolver.LoadTable(Table(dir), "label");
        var standardizer = FeatureStandardizer.Fit(split.Train, "label");
        var (train, test, _) = standardizer.Apply(split);
        for (var j = 0; j < 2; j++)
        {
            var column = Enumerable.Range(0, train.Count).Select(i => (double)train.Row(i)[j]).ToArray();
            var mean = column.Average();
            Assert.Equal(0, mean, 5);
            Assert.Equal(1, Math.Sqrt(column.Select(v => (v - mean) * (v - mean)).Average()), 5);
        }
        var raw = split.Test.Row(0)[0];
        Assert.Equal((raw - standardizer.Mean[0]) / standardizer.Std[0], test.Row(0)[0], 5);
        Assert.Equal(split.Test.Labels, test.Labels);
    }

    [Fact]
    public void Standardizer_RoundTripsThroughItsFile()
    {
        using var dir = new TempDirectory();
        var split = DatasetResolver.LoadTable(Table(dir), "label");
        var fitted = FeatureStandardizer.Fit(split.Train, "label");
        fitted.Save(dir.File("s.json"));
        var loaded = FeatureStandardizer.Load(dir.File("s.json"));
        Assert.Equal(fitted.Columns, loaded.Columns);
        Assert.Equal(fitted.Mean, loaded.Mean);
        Assert.Equal(fitted.Std, loaded.Std);
        Assert.Equal("label", loaded.LabelColumn);
        Assert.Equal(fitted.Apply(split.Test).Features.ToArray(), loaded.Apply(split.Test).Features.ToArray());
    }

    [Fact]
    public void Standardizer_MapsAConstantColumnToZero()
    {
        var data = new TabularDataset([5, 1, 5, 2, 5, 3], 3, 2, null, ["const", "x"], "mem");
        var standardized = FeatureStandardizer.Fit(data).Apply(data);
        Assert.Equal([0f, 0f, 0f], Enumerable.Range(0, 3).Select(i => standardized.Row(i)[0]));
    }

    [Fact]
    public void Standardizer_RejectsOtherColumnsAndBadFiles()
    {
        using var dir = new TempDirectory();
        var fitted = FeatureStandardizer.Fit(new TabularDataset([1, 2, 3, 4], 2, 2, null, ["a", "b"], "fit"));
        var other = new TabularDataset([1, 2, 3, 4], 2, 2, null, ["a", "c"], "other.csv");
        var error = Assert.Throws<DatasetException>(() => fitted.Apply(other));
        Assert.StartsWith("other.csv: ", error.Message);
        Assert.Contains("'c'", error.Message);

        Assert.Contains("not found", Assert.Throws<DatasetException>(() => FeatureStandardizer.Load(dir.File("missing.json"))).Message);
        Assert.Contains("invalid", Assert.Throws<DatasetException>(() => FeatureStandardizer.Load(dir.Write("bad.json", "{"))).Message);
        var mismatched = dir.Write("m.json", """{"format":"contrastive-standardization","version":1,"columns":["a"],"mean":[0,1],"std":[1]}""");
        Assert.Contains("same length", Assert.Throws<DatasetException>(() => FeatureStandardizer.Load(mismatched)).Message);
        var zeroStd = dir.Write("z.json", """{"format":"contrastive-standardization","version":1,"columns":["a"],"mean":[0],"std":[0]}""");
        Assert.Contains("positive", Assert.Throws<DatasetException>(() => FeatureStandardizer.Load(zeroStd)).Message);
    }

    [Fact]
    public void ReadHeader_ReturnsTheColumnNames()
    {
        using var dir = new TempDirectory();
        Assert.Equal(["a", "b c", "label"], CsvTable.ReadHeader(dir.Write("h.csv", "\n a ,\"b c\",label\n1,2,3\n")));
        Assert.Contains("no header", Assert.Throws<DatasetException>(() => CsvTable.ReadHeader(dir.Write("e.csv", "\n\n"))).Message);
    }
}
