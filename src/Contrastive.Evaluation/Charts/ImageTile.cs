namespace Contrastive.Evaluation.Charts;

/// <summary>A small image (CHW floats in [0, 1], 1 or 3 channels) with its class.</summary>
/// <param name="Pixels">Channel-major pixels.</param>
/// <param name="Channels">1 (gray) or 3 (RGB).</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Label">Class id.</param>
public sealed record ImageTile(float[] Pixels, int Channels, int Height, int Width, int Label);
