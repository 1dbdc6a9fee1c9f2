using System.Globalization;
using System.Text;

namespace Contrastive.Evaluation.Charts;

/// <summary>Builds an SVG document as text: shapes, escaped text, numbers in invariant culture.</summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _sb = new();

    /// <summary>Opens the root element with a white background and an accessible title.</summary>
    public SvgWriter(int width, int height, string title)
    {
        _sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\" role=\"img\">\n");
        _sb.Append("<title>").Append(Escape(title)).Append("</title>\n");
        Rect(0, 0, width, height, "#ffffff");
    }

    /// <summary>XML-escapes text for element content and attribute values; drops characters XML 1.0 forbids.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    if (ch >= 0x20 || ch is '\t' or '\n' or '\r') sb.Append(ch);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>A number with at most two decimals, invariant culture (enough for pixel coordinates).</summary>
    public static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public SvgWriter Rect(double x, double y, double w, double h, string fill, string extra = "")
    {
        _sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, w))}\" height=\"{N(Math.Max(0, h))}\" fill=\"{fill}\" {extra}/>\n");
        return this;
    }

    public SvgWriter Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string extra = "")
    {
        _sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\" {extra}/>\n");
        return this;
    }

    public SvgWriter Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width, bool dashed)
    {
        _sb.Append("<polyline fill=\"none\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(width))
            .Append(dashed ? "\" stroke-dasharray=\"6 4" : "").Append("\" stroke-linejoin=\"round\" points=\"");
        foreach (var (x, y) in points) _sb.Append(N(x)).Append(',').Append(N(y)).Append(' ');
        _sb.Append("\"/>\n");
        return this;
    }

    public SvgWriter Circle(double cx, double cy, double r, string fill, string extra = "")
    {
        _sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\" fill=\"{fill}\" {extra}/>\n");
        return this;
    }

    /// <summary>Text; <paramref name="anchor"/> is start, middle or end; <paramref name="rotate"/> degrees about (x, y).</summary>
    public SvgWriter Text(double x, double y, string text, double size = 12, string anchor = "start", string fill = "#222222", double rotate = 0, string weight = "normal")
    {
        var transform = rotate == 0 ? "" : $" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"";
        _sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{N(size)}\" text-anchor=\"{anchor}\" fill=\"{fill}\" font-weight=\"{weight}\"{transform}>")
            .Append(Escape(text)).Append("</text>\n");
        return this;
    }

    /// <summary>An embedded raster image (a data URI), scaled without smoothing.</summary>
    public SvgWriter Image(double x, double y, double w, double h, string dataUri)
    {
        _sb.Append(CultureInfo.InvariantCulture, $"<image x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(w)}\" height=\"{N(h)}\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"{dataUri}\"/>\n");
        return this;
    }

    /// <summary>Closes the document and returns it.</summary>
    public string Finish() => _sb.Append("</svg>\n").ToString();
}
