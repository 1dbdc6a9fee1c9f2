namespace Contrastive.Evaluation.Charts;

/// <summary>A legend entry: a line swatch (solid or dashed) or, for markers, a dot.</summary>
internal readonly record struct LegendEntry(string Name, string Color, bool Dashed = false, bool Marker = false);
