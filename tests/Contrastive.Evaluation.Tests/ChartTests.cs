using System.Xml.Linq;
using Contrastive.Evaluation.Charts;
using Contrastive.Evaluation.Verification;

namespace Contrastive.Evaluation.Tests;

public class ChartTests
{
    private static readonly XNamespace s_svg = "http://www.w3.org/2000/svg";

    private static XDocument Parse(string svg)
    {
        var doc = XDocument.Parse(svg);
        Assert.Equal(s_svg + "svg", doc.Root!.Name);
        return doc;
    }

    private static IEnumerable<string> Texts(XDocument doc) => doc.Descendants(s_svg + "text").Select(t => t.Value);

    [Fact]
    public void Line_chart_has_every_series_legend_axis_labels_and_escaped_text()
    {
        var chart = new LineChart("Loss & <rate>", "step", "value \"y\"",
        [
            ChartSeries.Indexed("loss <nt-xent>", [4.2, 3.9, double.NaN, 3.1, 2.8]),
            ChartSeries.Indexed("lr", [0.06, 0.05, 0.04, 0.02, 0.0]),
        ]);
        var doc = Parse(chart.ToSvg());
        var texts = Texts(doc).ToArray();
        Assert.Contains("Loss & <rate>", texts);
        Assert.Contains("loss <nt-xent>", texts);
        Assert.Contains("step", texts);
        Assert.Contains("value \"y\"", texts);
        Assert.Equal(3, doc.Descendants(s_svg + "polyline").Count()); // the NaN splits the loss into two runs
        Assert.Contains("0", texts); // a y tick
        Assert.Contains("5", texts); // the last x tick
    }

    [Fact]
    public void Long_series_are_thinned_and_keep_their_last_point()
    {
        var y = Enumerable.Range(0, 10_001).Select(i => (double)i).ToArray();
        var doc = Parse(new LineChart("t", "x", "y", [ChartSeries.Indexed("s", y)]).ToSvg());
        var points = doc.Descendants(s_svg + "polyline").Single().Attribute("points")!.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(points.Length, 1000, LineChart.MaxPoints + 1);
    }

    [Fact]
    public void Roc_histogram_and_scatter_are_well_formed()
    {
        var roc = RocCurve.Compute([0.9f, 0.8f, 0.3f, 0.1f], [1, 0, 1, 0]);
        Assert.Contains(Texts(Parse(RocChart.ToSvg(roc))), t => t.StartsWith("ROC (AUC 0.750", StringComparison.Ordinal));
        var hist = new HistogramChart("sims", "cosine", [("pos", [0.9f, 0.8f, 0.85f]), ("neg", [0.1f, -0.2f, 0.3f, 0.0f])]).ToSvg();
        Assert.Equal(2, Texts(Parse(hist)).Count(t => t.Contains("(n = ", StringComparison.Ordinal)));
        var scatter = new ScatterChart("pca", [0f, 0f, 1f, 1f, 2f, 0.5f], [0, 1, 1]) { ClassNames = ["T-shirt", "Trouser"] }.ToSvg();
        var doc = Parse(scatter);
        Assert.Equal(3 + 2, doc.Descendants(s_svg + "circle").Count()); // points + legend markers
        Assert.Contains("Trouser", Texts(doc));
    }

    [Fact]
    public void Neighbor_grid_embeds_png_images_with_class_frames()
    {
        var tile = new ImageTile(Enumerable.Range(0, 16).Select(i => i / 15f).ToArray(), 1, 4, 4, 0);
        var other = tile with { Label = 1 };
        var svg = new NeighborGrid("nn", [new NeighborRow(tile, [tile, other])]).ToSvg();
        var doc = Parse(svg);
        var images = doc.Descendants(s_svg + "image").ToArray();
        Assert.Equal(3, images.Length);
        Assert.All(images, im => Assert.StartsWith("data:image/png;base64,", im.Attribute("href")!.Value, StringComparison.Ordinal));
        var fills = doc.Descendants(s_svg + "rect").Select(r => r.Attribute("fill")!.Value).ToArray();
        Assert.Contains("#2ca02c", fills);
        Assert.Contains("#d62728", fills);
    }

    [Fact]
    public void Bad_chart_input_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new LineChart("t", "x", "y", [new ChartSeries("s", [1.0, 2.0], [1.0])]).ToSvg());
        Assert.Throws<ArgumentException>(() => new HistogramChart("t", "x", [("a", Array.Empty<float>())]).ToSvg());
        Assert.Throws<ArgumentException>(() => new ScatterChart("t", [0f, 1f], [0, 1]).ToSvg());
        Assert.Throws<ArgumentException>(() => new NeighborGrid("t", []).ToSvg());
    }
}
