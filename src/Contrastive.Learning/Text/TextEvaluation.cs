using Contrastive.Data.Text;
using Contrastive.Evaluation;
using Contrastive.Evaluation.Classification;
using Contrastive.Evaluation.Retrieval;
using Contrastive.Nn;
using Contrastive.Training;

namespace Contrastive.Text;

/// <summary>
/// The text evaluation, run the same way on the learned embeddings and on the TF-IDF baseline (<see cref="TfIdf"/>
/// fitted on the training texts). Pairs and triplets: the distinct held-out anchors (their groups unseen in training)
/// query the held-out positives, relevant = the positives of the anchor's group (<see cref="RetrievalEvaluator"/>:
/// recall@k, MRR, MAP@R). Labelled texts: weighted kNN (<see cref="KnnClassifier"/>) of the held-out texts against the
/// training texts, and a linear probe (<see cref="LinearProbe"/>) trained on the training texts. At most <see cref="MaxQueries"/> anchor groups are evaluated (the first ones of the held-out records).
/// </summary>
public static class TextEvaluation
{
    /// <summary>The most held-out anchor groups retrieval evaluates.</summary>
    public const int MaxQueries = 2000;

    /// <summary>kNN's k for <paramref name="split"/> when none is given: for labelled texts sized to the classes as for images
    /// (<see cref="KnnOptions.NeighboursFor"/>), else the bench protocol's 200 (unused by retrieval).</summary>
    public static int DefaultK(TextCorpusSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        return split.Train.Labels is { } labels ? KnnOptions.NeighboursFor(labels) : new KnnOptions().K;
    }

    /// <summary>Evaluates <paramref name="encoder"/> (reported as <paramref name="name"/>) and the TF-IDF baseline on <paramref name="split"/>.</summary>
    /// <exception cref="ArgumentException">The held-out records have neither positives nor labels to evaluate.</exception>
    public static (TextScores Learned, TextScores Baseline) Evaluate(Module encoder, ISentenceTokenizer tokenizer, int maxLength, TextCorpusSplit split, int knnK,
        string name = "learned encoder")
    {
        ArgumentNullException.ThrowIfNull(split);
        var tfidf = TfIdf.Fit([.. split.Train.AllTexts()]);
        if (split.Test.Positives is not null)
        {
            var (queries, queryGroups, gallery, galleryGroups) = RetrievalSets(split.Test);
            var (q, g) = tfidf.Transform(queries, gallery);
            return (new TextScores(name, RetrievalEvaluator.Evaluate(Embed(queries), queryGroups, Embed(gallery), galleryGroups), null),
                new TextScores("TF-IDF", RetrievalEvaluator.Evaluate(q, queryGroups, g, galleryGroups), null));
        }
        if (split.Test.Labels is not null)
        {
            var (test, train) = tfidf.Transform(split.Test.Anchors, split.Train.Anchors);
            var classes = split.Train.ClassNames!.Count;
            TextScores Classify(string name, EmbeddingMatrix memory, EmbeddingMatrix queries) => new(name, null,
                KnnClassifier.Evaluate(memory, split.Train.Labels!, queries, split.Test.Labels, new KnnOptions { K = knnK, Classes = classes }).Top1,
                LinearProbe.Fit(memory, split.Train.Labels!, new LinearProbeOptions { Classes = classes }).Evaluate(queries, split.Test.Labels).Top1);
            return (Classify(name, Embed(split.Train.Anchors), Embed(split.Test.Anchors)), Classify("TF-IDF", train, test));
        }
        throw new ArgumentException($"{split.Test.Source}: single unlabelled texts have nothing to evaluate against (give pairs or labels)");

        EmbeddingMatrix Embed(IReadOnlyList<string> texts) => Embedder.Embed(encoder, new TokenizedTexts(texts, tokenizer, maxLength));
    }

    /// <summary>The distinct anchors (one per group, at most <see cref="MaxQueries"/>) and the positives of their groups.</summary>
    private static (string[] Queries, int[] QueryGroups, string[] Gallery, int[] GalleryGroups) RetrievalSets(TextCorpus test)
    {
        var queries = new List<string>();
        var queryGroups = new List<int>();
        var gallery = new List<string>();
        var galleryGroups = new List<int>();
        for (var r = 0; r < test.Count; r++)
        {
            var group = test.Groups[r];
            if (group >= MaxQueries) continue;
            if (group == queryGroups.Count)
            {
                queries.Add(test.Anchors[r]);
                queryGroups.Add(group);
            }
            gallery.Add(test.Positives![r]);
            galleryGroups.Add(group);
        }
        return ([.. queries], [.. queryGroups], [.. gallery], [.. galleryGroups]);
    }
}
