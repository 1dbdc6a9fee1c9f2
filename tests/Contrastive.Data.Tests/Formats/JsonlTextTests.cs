using Contrastive.Data.Formats;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Formats;

public sealed class JsonlTextTests
{
    [Fact]
    public void LabeledRecords_MapLabelsToSortedClasses()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("d.jsonl", "{\"text\": \"a red shoe\", \"label\": \"shoe\"}\n\n{\"text\": \"blue \\\"bag\\\"\", \"label\": \"bag\", \"extra\": 1}\n");
        var data = JsonlText.Load(path);
        Assert.Equal(["a red shoe", "blue \"bag\""], data.Texts);
        Assert.Equal([1, 0], data.Labels!);
        Assert.Equal(["bag", "shoe"], data.ClassNames);
        Assert.Equal(2, data.ClassCount);
    }

    [Fact]
    public void UnlabeledRecords_AndCustomFieldNames()
    {
        using var dir = new TempDirectory();
        var data = JsonlText.Load(dir.Write("d.jsonl", "{\"body\": \"x\", \"y\": 3}\n{\"body\": \"y\", \"y\": 0}\n"), textField: "body", labelField: "y");
        Assert.Equal([3, 0], data.Labels!);
        var unlabeled = JsonlText.Load(dir.Write("u.jsonl", "{\"text\": \"only text\"}\n"));
        Assert.Null(unlabeled.Labels);
        Assert.Equal(1, unlabeled.Count);
    }

    [Theory]
    [InlineData("{\"text\": \"ok\"}\n{\"text\": oops}\n", "line 2: invalid JSON: ")]
    [InlineData("[1, 2]\n", "line 1: expected a JSON object, found Array")]
    [InlineData("{\"txt\": \"a\"}\n", "line 1: missing string field 'text'")]
    [InlineData("{\"text\": 5}\n", "line 1: missing string field 'text'")]
    [InlineData("{\"text\": \"a\", \"label\": 1}\n{\"text\": \"b\"}\n", "line 2: no 'label' field, but 1 of 2 records have one (label all or none)")]
    [InlineData("{\"text\": \"a\", \"label\": -1}\n", "line 1: field 'label' must be a non-empty string or a non-negative integer, found -1")]
    [InlineData("\n\n", "no records")]
    public void MalformedLines_AreNamed(string text, string problem)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.jsonl", text);
        Assert.StartsWith($"{path}: {problem}", Assert.Throws<DatasetException>(() => JsonlText.Load(path)).Message);
    }

    [Fact]
    public void TextDataset_ValidatesLabels()
    {
        Assert.Throws<ArgumentException>(() => new TextDataset(["a"], [0, 1], null, "t"));
        Assert.Throws<ArgumentException>(() => new TextDataset(["a"], [2], ["x", "y"], "t"));
    }
}
