namespace Contrastive.Evaluation.Report;

/// <summary>The report's inline stylesheet (system fonts only, nothing fetched).</summary>
internal static class ReportStyle
{
    public const string Css = """
        body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #222; background: #f4f5f7; margin: 0; }
        header { background: #1f3b57; color: #fff; padding: 18px 32px 10px; }
        header h1 { margin: 0 0 8px; font-size: 26px; }
        nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
        nav a { color: #cfe3f7; text-decoration: none; font-size: 14px; }
        main { padding: 12px 32px 24px; display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
        section { flex: 1 1 560px; background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: 8px 18px 14px; max-width: 100%; box-sizing: border-box; }
        h2 { font-size: 18px; color: #1f3b57; border-bottom: 1px solid #e4e7eb; padding-bottom: 6px; }
        table { border-collapse: collapse; font-size: 14px; }
        th, td { border: 1px solid #dde1e6; padding: 4px 10px; text-align: left; }
        th { background: #eef2f6; }
        tbody tr:nth-child(even) { background: #f8f9fb; }
        td { font-variant-numeric: tabular-nums; }
        figure { margin: 0; }
        figure svg { display: block; max-width: 100%; height: auto; }
        figcaption { font-size: 13px; color: #555; margin-top: 4px; max-width: 640px; }
        footer { color: #777; font-size: 12px; padding: 0 32px 24px; }

        """;
}
