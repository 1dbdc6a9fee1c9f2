namespace Contrastive.Evaluation.Charts;

/// <summary>
/// The common frame of a 2-D chart: title, legend, plot rectangle, grid, ticks and axis labels, and the mapping
/// from data to pixel coordinates. The legend sits in rows between the title and the plot (so it never covers
/// data) or, with <c>legendRight</c>, in a column right of the plot.
/// </summary>
internal sealed class PlotFrame
{
    private const double Left = 72, Bottom = 56, Right = 20, TitleBand = 40, Row = 18;
    private readonly IReadOnlyList<LegendEntry> _legend;
    private readonly bool _legendRight;

    public PlotFrame(SvgWriter svg, int width, int height, Axis x, Axis y, IReadOnlyList<LegendEntry> legend, bool legendRight = false)
    {
        (Svg, X, Y, _legend, _legendRight) = (svg, x, y, legend, legendRight);
        var legendWidth = legendRight && legend.Count > 0 ? legend.Max(e => EntryWidth(e)) + 16 : 0;
        (X0, X1) = (Left, width - Right - legendWidth);
        var legendRows = legendRight || legend.Count == 0 ? 0 : LayoutRows(X1 - X0).Max(p => p.Row + 1);
        (Y0, Y1) = (TitleBand + legendRows * Row + 8, height - Bottom);
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

    /// <summary>Draws the title, legend, grid, ticks, tick labels and axis labels.</summary>
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
        DrawLegend();
    }

    private void DrawLegend()
    {
        var positions = _legendRight
            ? _legend.Select((_, i) => (X: X1 + 16, Y: Y0 + 4 + i * Row)).ToArray()
            : [.. LayoutRows(X1 - X0).Select(p => (X: X0 + p.Offset, Y: TitleBand - 2 + p.Row * Row))];
        for (var i = 0; i < _legend.Count; i++)
        {
            var (e, (x, y)) = (_legend[i], positions[i]);
            var cy = y + Row / 2;
            if (e.Marker) Svg.Circle(x + 8, cy, 5, e.Color);
            else Svg.Line(x, cy, x + 22, cy, e.Color, 2.5, e.Dashed ? "stroke-dasharray=\"6 4\"" : "");
            Svg.Text(x + (e.Marker ? 18 : 28), cy + 4, e.Name, 12);
        }
    }

    // Legend entries flowed left to right, wrapping to a new row when the plot width is used up.
    private List<(int Row, double Offset)> LayoutRows(double available)
    {
        var result = new List<(int Row, double Offset)>();
        var (row, offset) = (0, 0.0);
        foreach (var e in _legend)
        {
            var w = EntryWidth(e) + 14;
            if (offset > 0 && offset + w > available) (row, offset) = (row + 1, 0);
            result.Add((row, offset));
            offset += w;
        }
        return result;
    }

    private static double EntryWidth(LegendEntry e) => e.Name.Length * 7 + (e.Marker ? 22 : 34);
}
