namespace Contrastive.Evaluation.Charts;

/// <summary>A line chart with any number of series, axes with round ticks, axis labels and a legend, as SVG.</summary>
/// <param name="Title">Chart title.</param>
/// <param name="XLabel">x-axis label.</param>
/// <param name="YLabel">y-axis label.</param>
/// <param name="Series">The lines.</param>
public sealed record LineChart(string Title, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series)
{
    /// <summary>Points drawn per series at most; longer series are thinned to evenly spaced points.</summary>
    public const int MaxPoints = 2000;

    /// <summary>Width in pixels.</summary>
    public int Width { get; init; } = 640;

    /// <summary>Height in pixels.</summary>
    public int Height { get; init; } = 360;

    /// <summary>Fixed x range, or null to fit the data.</summary>
    public (double Min, double Max)? XRange { get; init; }

    /// <summary>Fixed y range, or null to fit the data.</summary>
    public (double Min, double Max)? YRange { get; init; }

    /// <summary>Renders the chart.</summary>
    /// <exception cref="ArgumentException">A series whose X and Y counts differ.</exception>
    public string ToSvg()
    {
        foreach (var s in Series)
            if (s.X.Count != s.Y.Count) throw new ArgumentException($"series '{s.Name}' has {s.X.Count} x values but {s.Y.Count} y values");
        var svg = new SvgWriter(Width, Height, Title);
        var frame = new PlotFrame(svg, Width, Height,
            Axis.Covering(Series.SelectMany(s => s.X), XRange?.Min, XRange?.Max),
            Axis.Covering(Series.SelectMany(s => s.Y), YRange?.Min, YRange?.Max),
            [.. Series.Select((s, i) => new LegendEntry(s.Name, s.Color ?? Palette.Color(i), s.Dashed))]);
        frame.DrawAxes(Title, XLabel, YLabel);
        for (var i = 0; i < Series.Count; i++)
        {
            var s = Series[i];
            var color = s.Color ?? Palette.Color(i);
            var run = new List<(double, double)>();
            foreach (var p in SampledIndices(s.X.Count))
            {
                if (double.IsFinite(s.X[p]) && double.IsFinite(s.Y[p])) run.Add((frame.Px(s.X[p]), frame.Py(s.Y[p])));
                else Flush(svg, run, color, s.Dashed);
            }
            Flush(svg, run, color, s.Dashed);
        }
        return svg.Finish();
    }

    // Every index when count <= MaxPoints, else evenly strided ones plus the last.
    private static IEnumerable<int> SampledIndices(int count)
    {
        var stride = Math.Max(1, (count + MaxPoints - 1) / MaxPoints);
        for (var p = 0; p < count; p += stride) yield return p;
        if (count > 0 && (count - 1) % stride != 0) yield return count - 1;
    }

    private static void Flush(SvgWriter svg, List<(double, double)> run, string color, bool dashed)
    {
        if (run.Count == 1) svg.Circle(run[0].Item1, run[0].Item2, 2.5, color);
        else if (run.Count > 1) svg.Polyline(run, color, 2, dashed);
        run.Clear();
    }
}
