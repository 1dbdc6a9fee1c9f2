using Contrastive.Evaluation.Retrieval;
using Contrastive.Text;
using Contrastive.Training;

namespace Contrastive.Learning.Tests.Text;

/// <summary>The text report shows each held-out figure of the encoder beside the baseline's and draws the training curves it is given.</summary>
public sealed class TextRunReportTests
{
    private static RetrievalResult Retrieval(double recall1, double recall10, double mrr) =>
        new(Queries: 40, QueriesWithRelevant: 40, PrecisionAt1: recall1, RecallAtK: [new RecallAtK(1, recall1), new RecallAtK(10, recall10)], MapAtR: mrr / 2, Mrr: mrr);

    [Fact]
    public void Retrieval_rows_pair_the_encoder_with_the_baseline()
    {
        var html = TextRunReport.Build("t", new TextScores("learned encoder", Retrieval(0.25, 0.5, 0.3125), null),
            new TextScores("TF-IDF", Retrieval(0.05, 0.121, 0.08), null), knnK: 5, [new("method", "pairs")], metrics: null).Render();
        Assert.Contains("<td>method</td><td>pairs</td>", html);
        Assert.Contains("<tr><td>recall@10</td><td>50.00 %</td><td>12.10 %</td></tr>", html);
        Assert.Contains("<tr><td>MRR</td><td>0.3125</td><td>0.0800</td></tr>", html);
        Assert.DoesNotContain("kNN", html);
        Assert.DoesNotContain("Training loss", html);
    }

    [Fact]
    public void Classification_rows_and_training_curves_appear_when_given()
    {
        EpochMetrics[] metrics = [new() { Epoch = 1, Loss = 2, StepLosses = [2.5, 1.5], StepLrs = [0.1, 0.05] }];
        var html = TextRunReport.Build("t", new TextScores("learned encoder", null, 0.4987, 0.52), new TextScores("TF-IDF", null, 0.4019, 0.45),
            knnK: 17, [], metrics).Render();
        Assert.Contains("<tr><td>kNN top-1 (k = 17)</td><td>49.87 %</td><td>40.19 %</td></tr>", html);
        Assert.Contains("<tr><td>linear probe top-1</td><td>52.00 %</td><td>45.00 %</td></tr>", html);
        Assert.DoesNotContain("recall@", html);
        Assert.Contains("<h2>Training loss</h2>", html);
        Assert.Contains("<h2>Learning rate</h2>", html);
    }
}
