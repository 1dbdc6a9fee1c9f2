using Contrastive.Evaluation.Verification;

namespace Contrastive.Evaluation.Charts;

/// <summary>A ROC curve on the unit square with the chance diagonal.</summary>
public static class RocChart
{
    /// <summary>Renders <paramref name="roc"/> as SVG; the legend shows the AUC.</summary>
    public static string ToSvg(RocCurve roc, string title = "ROC curve")
    {
        ArgumentNullException.ThrowIfNull(roc);
        return new LineChart(title, "false positive rate", "true positive rate",
        [
            new ChartSeries($"ROC (AUC {roc.Auc():0.000})", roc.Fpr, roc.Tpr),
            new ChartSeries("chance", [0.0, 1.0], [0.0, 1.0]) { Dashed = true, Color = "#999999" },
        ])
        { XRange = (0, 1), YRange = (0, 1), Width = 480, Height = 420 }.ToSvg();
    }
}
