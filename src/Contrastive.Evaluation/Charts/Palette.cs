namespace Contrastive.Evaluation.Charts;

/// <summary>Colours for series and classes (matplotlib's tab10, then tab20's light tones).</summary>
public static class Palette
{
    private static readonly string[] s_colors =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
    ];

    /// <summary>The colour of series or class <paramref name="index"/> (cycling after 20).</summary>
    public static string Color(int index) => s_colors[((index % s_colors.Length) + s_colors.Length) % s_colors.Length];
}
