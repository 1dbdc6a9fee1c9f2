using System.Text.Json;
using Contrastive.Data.Formats;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Formats;

public sealed class JsonLinesTests
{
    [Fact]
    public void ReadObjects_GivesEachObjectWithItsLineNumber_SkippingBlankLines()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("d.jsonl", "{\"v\": 1}\r\n\r\n  \n{\"v\": 2}\n");
        var seen = new List<(int Value, int Line)>();
        JsonLines.ReadObjects(path, (root, line) => seen.Add((root.GetProperty("v").GetInt32(), line)));
        Assert.Equal([(1, 1), (2, 4)], seen);
    }

    [Fact]
    public void ReadObjects_NamesTheFileAndLine_OfABadLineOrAMissingFile()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.jsonl", "{\"v\": 1}\n\n\"text\"\n");
        var error = Assert.Throws<DatasetException>(() => JsonLines.ReadObjects(path, (_, _) => { }));
        Assert.Equal($"{path}: line 3: expected a JSON object, found {JsonValueKind.String}", error.Message);
        var missing = dir.File("missing.jsonl");
        Assert.StartsWith($"{missing}: file not found", Assert.Throws<DatasetException>(() => JsonLines.ReadObjects(missing, (_, _) => { })).Message);
    }
}
