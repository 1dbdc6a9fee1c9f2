using Contrastive.Data.Datasets;
using Contrastive.Data.Text;
using Contrastive.Testing;

namespace Contrastive.Data.Tests.Datasets;

/// <summary>The fortunes and WordNet loaders on the fixtures of tests/fixtures/text (made from the Debian packages by
/// tests/fixtures/make-text-fixtures.sh), and their errors when the packages are missing.</summary>
public class TextCorporaTests
{
    private static string Fixture(string name) => Path.Combine(ReferenceData.RepositoryRoot, "tests", "fixtures", "text", name);

    [Fact]
    public void Fortunes_are_labelled_by_file_name()
    {
        var corpus = FortunesCorpus.Load(Fixture("fortunes"));
        Assert.Equal(TextRecordKind.LabeledTexts, corpus.Kind);
        Assert.Equal(["computers", "food", "love"], corpus.ClassNames);
        Assert.Equal(3, corpus.Labels!.Distinct().Count());
        Assert.All(corpus.Anchors, t => Assert.InRange(t.Length, 1, FortunesCorpus.MaxCharacters));
        Assert.All(corpus.Anchors, t => Assert.DoesNotContain("\n", t));
        Assert.True(corpus.Count >= 30, $"{corpus.Count} fortunes");
    }

    [Fact]
    public void Fortune_files_split_on_percent_lines()
    {
        Assert.Equal(["one two", "three"], FortunesCorpus.Fortunes("one\n  two\n%\nthree\n%\n\n%\n"));
    }

    [Fact]
    public void WordNet_pairs_each_gloss_with_its_examples()
    {
        var corpus = WordNetCorpus.Load(Fixture("wordnet"));
        Assert.Equal(TextRecordKind.Pairs, corpus.Kind);
        Assert.Equal(120, corpus.GroupCount); // 30 synsets with examples from each of the four files
        var i = corpus.Positives!.ToList().IndexOf("they performed a cappella");
        Assert.Equal("without musical accompaniment", corpus.Anchors[i]);
    }

    [Fact]
    public void WordNet_glosses_drop_their_examples()
    {
        var (gloss, examples) = WordNetCorpus.ParseGloss("move fast; run quickly; \"he ran to the store\"; \"run!\"  ");
        Assert.Equal("move fast; run quickly", gloss);
        Assert.Equal(["he ran to the store", "run!"], examples);
    }

    [Fact]
    public void Missing_packages_name_the_apt_command()
    {
        Assert.Contains("apt-get install fortunes", Assert.Throws<DatasetException>(() => FortunesCorpus.Load("/nonexistent/fortunes")).Message);
        Assert.Contains("apt-get install wordnet-base", Assert.Throws<DatasetException>(() => WordNetCorpus.Load("/nonexistent/wordnet")).Message);
        Assert.Contains(".jsonl, .csv or .tsv", Assert.Throws<DatasetException>(() => TextDataResolver.Load("texts.txt")).Message);
    }
}
