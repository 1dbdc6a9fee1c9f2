namespace Contrastive.Evaluation.Charts;

/// <summary>A 2-D scatter of points coloured by class, with a class legend to the right (PCA / t-SNE views).</summary>
/// <param name="Title">Chart title.</param>
/// <param name="Points">N x 2 coordinates, row-major.</param>
/// <param name="Labels">Class of each point.</param>
public sealed record ScatterChart(string Title, IReadOnlyList<float> Points, IReadOnlyList<int> Labels)
{
    /// <summary>Legend names per class id, or null for "class k".</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Axis labels.</summary>
    public (string X, string Y) AxisLabels { get; init; } = ("component 1", "component 2");

    /// <summary>Width in pixels.</summary>
    public int Width { get; init; } = 640;

    /// <summary>Height in pixels.</summary>
    public int Height { get; init; } = 520;

    /// <summary>Renders the chart.</summary>
    /// <exception cref="ArgumentException">Points and labels disagree in count.</exception>
    public string ToSvg()
    {
        if (Points.Count != 2 * Labels.Count)
            throw new ArgumentException($"{Points.Count / 2.0} points but {Labels.Count} labels");
        var xs = Enumerable.Range(0, Labels.Count).Select(i => (double)Points[2 * i]).ToArray();
        var ys = Enumerable.Range(0, Labels.Count).Select(i => (double)Points[2 * i + 1]).ToArray();
        var classes = Labels.Distinct().Order().ToArray();
        var names = classes.Select(c => ClassNames is { } n && c < n.Count ? n[c] : $"class {c}").ToArray();
        var svg = new SvgWriter(Width, Height, Title);
        var frame = new PlotFrame(svg, Width, Height, Axis.Covering(xs), Axis.Covering(ys),
            [.. classes.Select((c, i) => new LegendEntry(names[i], Palette.Color(c), Marker: true))], legendRight: true);
        frame.DrawAxes(Title, AxisLabels.X, AxisLabels.Y);
        for (var i = 0; i < Labels.Count; i++)
            if (double.IsFinite(xs[i]) && double.IsFinite(ys[i]))
                svg.Circle(frame.Px(xs[i]), frame.Py(ys[i]), 2.6, Palette.Color(Labels[i]), "fill-opacity=\"0.75\"");
        return svg.Finish();
    }
}
