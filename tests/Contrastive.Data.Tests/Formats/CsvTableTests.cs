using Contrastive.Data.Formats;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Formats;

public sealed class CsvTableTests
{
    [Fact]
    public void WithoutLabels_AllColumnsAreFeatures()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("t.csv", "a,b,c\n1,2.5,-3e2\n\n4, 5 ,\"6\"\n");
        var table = CsvTable.Load(path);
        Assert.Equal((2, 3), (table.Count, table.FeatureCount));
        Assert.Equal(["a", "b", "c"], table.ColumnNames);
        Assert.Equal([1f, 2.5f, -300f, 4f, 5f, 6f], table.Features.ToArray());
        Assert.Null(table.Labels);
    }

    [Fact]
    public void StringLabels_MapToSortedClassIndices()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("t.csv", "x,species,y\r\n1,versicolor,2\r\n3,\"setosa\",4\r\n5,virginica,6\r\n7,setosa,8\r\n");
        var table = CsvTable.Load(path, "species", out var names);
        Assert.Equal(["setosa", "versicolor", "virginica"], names);
        Assert.Equal([1, 0, 2, 0], table.Labels!);
        Assert.Equal(["x", "y"], table.ColumnNames);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], table.Features.ToArray());
    }

    [Fact]
    public void IntegerLabels_KeepTheirValues()
    {
        using var dir = new TempDirectory();
        var table = CsvTable.Load(dir.Write("t.csv", "label,v\n2,0.5\n10,1\n"), "label", out var names);
        Assert.Equal([2, 10], table.Labels!);
        Assert.Equal(11, names!.Count);
    }

    [Fact]
    public void QuotedFields_MayHoldSeparatorsAndQuotes()
    {
        using var dir = new TempDirectory();
        var table = CsvTable.Load(dir.Write("t.csv", "v,name\n1,\"a, \"\"b\"\"\"\n2,c\n"), "name", out var names);
        Assert.Equal(["a, \"b\"", "c"], names);
        Assert.Equal([0, 1], table.Labels!);
    }

    [Theory]
    [InlineData("a,b\n1,2\n3\n", "line 3 has 1 fields, the header has 2")]
    [InlineData("a,b\n1,2\n3,4,5\n", "line 3 has 3 fields, the header has 2")]
    [InlineData("a,b\n1,NaN\n", "line 2, column 2 'b': 'NaN' is not a finite float32 value")]
    [InlineData("a,b\n1,2\n\n1,1e99\n", "line 4, column 2 'b': '1e99' is not a finite float32 value")]
    [InlineData("a,b\n1,\n", "line 2, column 2 'b': empty cell")]
    [InlineData("a,b\nx1,2\n", "line 2, column 1 'a': 'x1' is not a number")]
    [InlineData("a,b\n1,\"2\n", "line 2: unterminated quoted field")]
    [InlineData("a,a\n1,2\n", "header names column 'a' twice")]
    [InlineData("a,b\n", "CSV file has a header but no data rows")]
    [InlineData("", "empty CSV file: no header row")]
    public void MalformedTables_NameLineAndColumn(string text, string problem)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.csv", text);
        Assert.Equal($"{path}: {problem}", Assert.Throws<DatasetException>(() => CsvTable.Load(path)).Message);
    }

    [Fact]
    public void MissingOrEmptyLabels_AreNamed()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("t.csv", "a,y\n1,cat\n2, \n");
        Assert.Equal($"{path}: label column 'z' not found; the header has 'a', 'y'", Assert.Throws<DatasetException>(() => CsvTable.Load(path, "z")).Message);
        Assert.Equal($"{path}: line 3, label column 'y': empty label", Assert.Throws<DatasetException>(() => CsvTable.Load(path, "y")).Message);
    }
}
