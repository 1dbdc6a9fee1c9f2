namespace Contrastive.Evaluation.Charts;

/// <summary>One line of a chart: y against x; NaN values break the line.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="X">The x values.</param>
/// <param name="Y">The y values (same count as <paramref name="X"/>).</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>Draw the line dashed (for reference lines).</summary>
    public bool Dashed { get; init; }

    /// <summary>A fixed colour (CSS), or null for the palette colour of the series index.</summary>
    public string? Color { get; init; }

    /// <summary>A series over x = 1, 2, ... (steps or epochs).</summary>
    public static ChartSeries Indexed(string name, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        return new ChartSeries(name, [.. Enumerable.Range(1, y.Count).Select(i => (double)i)], y);
    }
}
