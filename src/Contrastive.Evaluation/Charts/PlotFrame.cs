namespace Contrastive.Evaluation.Charts;

/// <summary>
/// The common frame of a 2-D chart: title, plot rectangle, grid, ticks, axis labels and a legend,
/// and the mapping from data to pixel coordinates.
/// </summary>
internal sealed class PlotFrame
{
    private const double Left = 72, Top = 44, Bottom = 56, Right = 20;
    private readonly double _legendWidth;

    public PlotFrame(SvgWriter svg, int width, int height, Axis x, Axis y, double legendWidth = 0)
    {
        (Svg, X, Y, _legendWidth) = (svg, x, y, legendWidth);
        (X0, Y0) = (Left, Top);
        (X1, Y1) = (width - Right - legendWidth, height - Bottom);
    }

    public SvgWriter Svg { get; }

    public Axis X { get; }

    public Axis Y { get; }

    public double X0 { get; }

    public double X1 { get; }

    public double Y0 { get; }

    public double Y1 { get; }

    public double Px(double x) => X.Map(x, X0, X1);

    public double Py(double y) => Y.Map(y, Y1, Y0);

    /// <summary>Draws the title, grid, ticks, tick labels and axis labels.</summary>
    public void DrawAxes(string title, string xLabel, string yLabel)
    {
        Svg.Text((X0 + X1) / 2, 24, title, 16, "middle", weight: "bold");
        Svg.Rect(X0, Y0, X1 - X0, Y1 - Y0, "#fafafa", "stroke=\"#bbbbbb\"");
        foreach (var t in X.Ticks())
        {
            var px = Px(t);
            Svg.Line(px, Y0, px, Y1, "#e4e4e4");
            Svg.Line(px, Y1, px, Y1 + 5, "#555555");
            Svg.Text(px, Y1 + 18, X.Label(t), 11, "middle", "#444444");
        }
        foreach (var t in Y.Ticks())
        {
            var py = Py(t);
            Svg.Line(X0, py, X1, py, "#e4e4e4");
            Svg.Line(X0 - 5, py, X0, py, "#555555");
            Svg.Text(X0 - 8, py + 4, Y.Label(t), 11, "end", "#444444");
        }
        Svg.Line(X0, Y1, X1, Y1, "#555555");
        Svg.Line(X0, Y0, X0, Y1, "#555555");
        Svg.Text((X0 + X1) / 2, Y1 + 42, xLabel, 13, "middle");
        Svg.Text(18, (Y0 + Y1) / 2, yLabel, 13, "middle", rotate: -90);
    }

    /// <summary>
    /// A legend: inside the plot's top-right corner, or, when the frame reserved legend width, to the right of
    /// the plot. Each entry is drawn as a line swatch or, for <paramref name="markers"/>, a dot.
    /// </summary>
    public void DrawLegend(IReadOnlyList<(string Name, string Color, bool Dashed)> entries, bool markers = false)
    {
        if (entries.Count == 0) return;
        const double row = 18;
        var textWidth = entries.Max(e => e.Name.Length) * 6.8 + 34;
        var outside = _legendWidth > 0;
        var x = outside ? X1 + 14 : X1 - textWidth - 10;
        var y = Y0 + 10;
        if (!outside) Svg.Rect(x - 6, y - 4, textWidth + 6, entries.Count * row + 6, "#ffffff", "fill-opacity=\"0.85\" stroke=\"#cccccc\"");
        for (var i = 0; i < entries.Count; i++)
        {
            var (name, color, dashed) = entries[i];
            var cy = y + i * row + row / 2;
            if (markers) Svg.Circle(x + 10, cy, 5, color);
            else Svg.Line(x, cy, x + 22, cy, color, 2.5, dashed ? "stroke-dasharray=\"6 4\"" : "");
            Svg.Text(x + 28, cy + 4, name, 12);
        }
    }
}
