using Contrastive.Data.Text;
using Contrastive.Tensors;

namespace Contrastive.Data.Tests.Text;

public class TextAugmentationTests
{
    private static readonly int[] s_tokens = [.. Enumerable.Range(10, 20)];

    public static TheoryData<string> Names => ["deletion", "span", "pipeline"];

    private static ITextAugmentation Make(string name) => name switch
    {
        "deletion" => new RandomTokenDeletion(0.3),
        "span" => new RandomSpanMasking(0.25),
        _ => new TextAugmentationPipeline(new RandomTokenDeletion(0.1), new RandomSpanMasking(0.2, maskId: 4)),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Same_seed_gives_the_same_view_and_different_seeds_differ(string name)
    {
        var aug = Make(name);
        Assert.Equal(aug.Apply(s_tokens, new Rng(5)), aug.Apply(s_tokens, new Rng(5)));
        var views = Enumerable.Range(0, 8).Select(s => string.Join(',', aug.Apply(s_tokens, new Rng((ulong)s)))).Distinct().Count();
        Assert.True(views > 1, $"{name}: eight seeds gave one view");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Input_is_not_modified_and_empty_input_stays_empty(string name)
    {
        var copy = s_tokens.ToArray();
        Make(name).Apply(copy, new Rng(1));
        Assert.Equal(s_tokens, copy);
        Assert.Empty(Make(name).Apply([], new Rng(1)));
    }

    [Fact]
    public void Deletion_keeps_order_and_at_least_one_token()
    {
        for (ulong seed = 0; seed < 20; seed++)
        {
            var view = new RandomTokenDeletion(0.5).Apply(s_tokens, new Rng(seed));
            Assert.InRange(view.Length, 1, s_tokens.Length);
            Assert.Equal(view.Order(), view); // s_tokens is increasing, so a subsequence is too
        }
        Assert.Single(new RandomTokenDeletion(1).Apply(s_tokens, new Rng(3)));
        Assert.Equal(s_tokens, new RandomTokenDeletion(0).Apply(s_tokens, new Rng(3)));
    }

    [Theory]
    [InlineData(0.25, 5)]
    [InlineData(0.01, 1)]
    [InlineData(1.0, 20)]
    public void Span_masking_replaces_one_contiguous_span_of_the_expected_length(double fraction, int expected)
    {
        for (ulong seed = 0; seed < 10; seed++)
        {
            var view = new RandomSpanMasking(fraction, maskId: 7).Apply(s_tokens, new Rng(seed));
            Assert.Equal(s_tokens.Length, view.Length);
            var masked = Enumerable.Range(0, view.Length).Where(i => view[i] != s_tokens[i]).ToArray();
            Assert.Equal(expected, masked.Length);
            Assert.Equal(masked.Length - 1, masked[^1] - masked[0]);
            Assert.All(masked, i => Assert.Equal(7, view[i]));
        }
    }

    [Fact]
    public void Bad_settings_are_rejected_with_the_value()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomTokenDeletion(1.5));
        Assert.Contains("1.5", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomSpanMasking(0.2, maskId: -1));
    }

    [Fact]
    public void Augmented_ids_pack_into_a_fixed_length_with_a_padding_mask()
    {
        var tok = WordTokenizer.Build(["the cat sat on the mat"], 100);
        var view = new RandomTokenDeletion(0.5).Apply(tok.Tokenize("the cat sat on the mat"), new Rng(2));
        var e = tok.Pack(view, maxLength: 10);
        Assert.Equal(view.Length + 2, e.Length);
        Assert.Equal(10 - e.Length, e.PaddingMask.Count(m => m));
    }
}
