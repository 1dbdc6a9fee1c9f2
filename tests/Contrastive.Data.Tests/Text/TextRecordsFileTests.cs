using Contrastive.Data.Formats;
using Contrastive.Data.Text;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Text;

/// <summary>JSONL / CSV / TSV text records: the field names choose the kind, and bad records name file, line and field.</summary>
public class TextRecordsFileTests
{
    [Fact]
    public void Jsonl_pairs_triplets_texts_and_labels()
    {
        using var dir = new TempDirectory();
        var pairs = TextRecordsFile.Load(dir.Write("p.jsonl", "{\"anchor\": \"a cat\", \"positive\": \"a kitten\"}\n\n{\"anchor\": \"a cat\", \"positive\": \"feline\", \"extra\": 1}\n{\"anchor\": \"dog\", \"positive\": \"puppy\"}\n"));
        Assert.Equal(TextRecordKind.Pairs, pairs.Kind);
        Assert.Equal(["a kitten", "feline", "puppy"], pairs.Positives);
        Assert.Equal([0, 0, 1], pairs.Groups);
        var triplets = TextRecordsFile.Load(dir.Write("t.jsonl", "{\"anchor\": \"a\", \"positive\": \"b\", \"negative\": \"c\"}\n"));
        Assert.Equal(TextRecordKind.Triplets, triplets.Kind);
        Assert.Equal(["c"], triplets.Negatives);
        var labeled = TextRecordsFile.Load(dir.Write("l.jsonl", "{\"text\": \"x\", \"label\": \"spam\"}\n{\"text\": \"y\", \"label\": \"ham\"}\n"));
        Assert.Equal([1, 0], labeled.Labels!);
        Assert.Equal(["ham", "spam"], labeled.ClassNames);
        Assert.Equal(TextRecordKind.Texts, TextRecordsFile.Load(dir.Write("s.jsonl", "{\"text\": \"only\"}\n")).Kind);
    }

    [Fact]
    public void Csv_and_tsv_with_quotes_and_any_column_order()
    {
        using var dir = new TempDirectory();
        var csv = TextRecordsFile.Load(dir.Write("p.csv", "id,positive,anchor\n1,\"kitten, small\",cat\n2,puppy,dog\n"));
        Assert.Equal(TextRecordKind.Pairs, csv.Kind);
        Assert.Equal(["cat", "dog"], csv.Anchors);
        Assert.Equal("kitten, small", csv.Positives![0]);
        var tsv = TextRecordsFile.Load(dir.Write("l.tsv", "text\tlabel\nhello world\t2\nbye\t0\n"));
        Assert.Equal(TextRecordKind.LabeledTexts, tsv.Kind);
        Assert.Equal([2, 0], tsv.Labels!);
    }

    [Theory]
    [InlineData("e1.jsonl", "{\"anchor\": \"a\", \"positive\": \"b\"}\n{\"anchor\": \"c\"}\n", "line 2: missing field 'positive'")]
    [InlineData("e2.jsonl", "{\"anchor\": \"a\", \"positive\": \"  \"}\n", "line 1, field 'positive': expected a non-blank string")]
    [InlineData("e3.jsonl", "{\"query\": \"a\"}\n", "line 1: expected the fields text [label] or anchor, positive [negative]; found query")]
    [InlineData("e4.jsonl", "{\"text\": \"a\"}\nnot json\n", "line 2: invalid JSON")]
    [InlineData("e5.csv", "text,label\nhello,1\nbye\n", "line 3 has 1 fields, the header has 2")]
    [InlineData("e6.tsv", "anchor\tpositive\n\ta\n", "line 2, field 'anchor': empty")]
    [InlineData("e7.csv", "sentence\nhello\n", "header (line 1): expected the fields")]
    [InlineData("e8.jsonl", "\n\n", "no records")]
    [InlineData("e9.jsonl", "{\"text\": \"a\"}\n{\"text\": \"\\ud800\"}\n", "line 2: a string is not valid text")] // found by the fuzzer
    public void Bad_records_name_the_file_line_and_field(string name, string content, string expected)
    {
        using var dir = new TempDirectory();
        var path = dir.Write(name, content);
        var ex = Assert.Throws<DatasetException>(() => TextRecordsFile.Load(path));
        Assert.Contains(name, ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Split_holds_out_whole_anchor_groups_and_stratifies_labels()
    {
        var anchors = Enumerable.Range(0, 50).SelectMany(g => new[] { $"gloss {g}", $"gloss {g}" }).ToArray();
        var pairs = new TextCorpus(TextRecordKind.Pairs, anchors, anchors.Select((a, i) => $"{a} example {i}").ToArray(), null, null, null, "mem");
        var split = TextCorpusSplit.Of(pairs, seed: 3);
        Assert.Equal(10, split.Test.GroupCount);
        Assert.Equal(20, split.Test.Count);
        Assert.Empty(split.Train.Anchors.Intersect(split.Test.Anchors));
        var labeled = new TextCorpus(TextRecordKind.LabeledTexts, [.. Enumerable.Range(0, 20).Select(i => $"t{i}")], null, null,
            [.. Enumerable.Range(0, 20).Select(i => i % 2)], ["a", "b"], "mem");
        Assert.Equal([2, 2], TextCorpusSplit.Of(labeled).Test.Labels!.GroupBy(l => l).Select(g => g.Count()));
    }
}
