using Contrastive.Data.Formats.Images;

namespace Contrastive.Evaluation.Charts;

/// <summary>
/// A grid of query images (left column) and their nearest neighbours, each embedded as a PNG data URI and framed
/// green when it shares the query's class, red otherwise.
/// </summary>
/// <param name="Title">Chart title.</param>
/// <param name="Rows">The rows.</param>
public sealed record NeighborGrid(string Title, IReadOnlyList<NeighborRow> Rows)
{
    /// <summary>Displayed tile size in pixels.</summary>
    public int TileSize { get; init; } = 56;

    /// <summary>Names per class id for the captions, or null for the id.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Renders the grid.</summary>
    /// <exception cref="ArgumentException">No rows, or an image the PNG encoder rejects.</exception>
    public string ToSvg()
    {
        if (Rows.Count == 0) throw new ArgumentException("a neighbour grid needs at least one row");
        const double gap = 10, captionHeight = 16, top = 58, left = 14, querySpace = 18;
        var columns = 1 + Rows.Max(r => r.Neighbors.Count);
        var cell = TileSize + gap;
        var width = (int)Math.Ceiling(left * 2 + columns * cell + querySpace);
        var height = (int)Math.Ceiling(top + Rows.Count * (cell + captionHeight) + 6);
        var svg = new SvgWriter(width, height, Title);
        svg.Text(width / 2.0, 24, Title, 16, "middle", weight: "bold");
        svg.Text(left + TileSize / 2.0, top - 10, "query", 12, "middle", "#444444");
        for (var k = 1; k < columns; k++) svg.Text(left + querySpace + k * cell + TileSize / 2.0, top - 10, $"#{k}", 12, "middle", "#444444");
        for (var r = 0; r < Rows.Count; r++)
        {
            var y = top + r * (cell + captionHeight);
            var row = Rows[r];
            Tile(svg, row.Query, left, y, "#333333");
            for (var k = 0; k < row.Neighbors.Count; k++)
            {
                var n = row.Neighbors[k];
                Tile(svg, n, left + querySpace + (k + 1) * cell, y, n.Label == row.Query.Label ? "#2ca02c" : "#d62728");
            }
        }
        return svg.Finish();
    }

    private void Tile(SvgWriter svg, ImageTile tile, double x, double y, string frame)
    {
        svg.Rect(x - 3, y - 3, TileSize + 6, TileSize + 6, frame);
        // Unfiltered scanlines: the bytes the report has always embedded.
        svg.Image(x, y, TileSize, TileSize, PngEncoder.DataUri(tile.Pixels, tile.Channels, tile.Height, tile.Width, PngFilter.None));
        var caption = ClassNames is { } names && tile.Label < names.Count ? names[tile.Label] : tile.Label.ToString(System.Globalization.CultureInfo.InvariantCulture);
        svg.Text(x + TileSize / 2.0, y + TileSize + 16, caption, 10, "middle", "#444444");
    }
}
