namespace Contrastive.Evaluation.Charts;

/// <summary>
/// Overlaid histograms (for example cosine similarity of positive vs negative pairs). Each group is normalised
/// to fractions of its own count, so groups of very different sizes compare by shape.
/// </summary>
/// <param name="Title">Chart title.</param>
/// <param name="XLabel">x-axis label.</param>
/// <param name="Groups">Named value sets, drawn in palette order, semi-transparent.</param>
public sealed record HistogramChart(string Title, string XLabel, IReadOnlyList<(string Name, IReadOnlyList<float> Values)> Groups)
{
    /// <summary>Number of bins across the common range.</summary>
    public int Bins { get; init; } = 40;

    /// <summary>Width in pixels.</summary>
    public int Width { get; init; } = 640;

    /// <summary>Height in pixels.</summary>
    public int Height { get; init; } = 360;

    /// <summary>Renders the chart.</summary>
    /// <exception cref="ArgumentException">No groups, no values, or fewer than one bin.</exception>
    public string ToSvg()
    {
        if (Bins < 1) throw new ArgumentException($"a histogram needs at least one bin, got {Bins}");
        if (Groups.Count == 0 || Groups.All(g => g.Values.Count == 0)) throw new ArgumentException("a histogram needs at least one value");
        var all = Groups.SelectMany(g => g.Values).Where(float.IsFinite).ToArray();
        var (lo, hi) = (all.Min(), all.Max());
        if (hi <= lo) (lo, hi) = (lo - 0.5f, hi + 0.5f);
        var width = (hi - lo) / (double)Bins;
        var fractions = Groups.Select(g =>
        {
            var counts = new double[Bins];
            foreach (var v in g.Values)
                if (float.IsFinite(v)) counts[Math.Min(Bins - 1, (int)((v - lo) / width))]++;
            return counts.Select(c => g.Values.Count == 0 ? 0 : c / g.Values.Count).ToArray();
        }).ToArray();
        var svg = new SvgWriter(Width, Height, Title);
        var frame = new PlotFrame(svg, Width, Height, Axis.Covering([lo, hi]), Axis.Covering(fractions.SelectMany(f => f), 0),
            [.. Groups.Select((g, i) => new LegendEntry($"{g.Name} (n = {g.Values.Count})", Palette.Color(i)))]);
        frame.DrawAxes(Title, XLabel, "fraction of the group");
        for (var g = 0; g < Groups.Count; g++)
            for (var b = 0; b < Bins; b++)
            {
                if (fractions[g][b] == 0) continue;
                var (x0, x1) = (frame.Px(lo + b * width), frame.Px(lo + (b + 1) * width));
                var y = frame.Py(fractions[g][b]);
                svg.Rect(x0, y, x1 - x0, frame.Y1 - y, Palette.Color(g), "fill-opacity=\"0.45\" stroke=\"" + Palette.Color(g) + "\" stroke-width=\"0.6\"");
            }
        return svg.Finish();
    }
}
