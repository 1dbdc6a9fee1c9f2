namespace Contrastive.Evaluation.Health;

/// <summary>The verdict of a collapse check.</summary>
public enum CollapseStatus
{
    /// <summary>The embeddings are spread out.</summary>
    Ok,

    /// <summary>The embeddings are narrowing; training may be heading for collapse.</summary>
    Warning,

    /// <summary>The embeddings have collapsed (nearly constant or onto a line).</summary>
    Collapsed,
}
