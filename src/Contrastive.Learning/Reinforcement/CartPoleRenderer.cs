namespace Contrastive.Reinforcement;

/// <summary>
/// Draws a cart-pole state as a 64 x 64 grey frame in [0, 1]: the rail and its end stops (0.35), the cart (0.6) and
/// the pole (1), at 8.5 pixels per metre with the track centre in the middle column, so that the whole track stays inside any 56 x 56 crop. Every pixel is the share of its
/// 4 x 4 sub-samples inside each shape (anti-aliasing), so sub-pixel motion changes the frame.
/// </summary>
public static class CartPoleRenderer
{
    /// <summary>The frame's side in pixels.</summary>
    public const int Size = 64;

    private const double PixelsPerMetre = 8.5, TrackRow = 40, CartHalfWidth = 0.25, CartHeight = 0.3, PoleHalfWidth = 0.1;
    private const double RailEnd = CartPole.TrackLimit + CartHalfWidth, StopWidth = 0.1, StopHeight = 0.4;
    private const int SubSamples = 4;

    /// <summary>Draws <paramref name="state"/> into <paramref name="frame"/> (64 x 64, row-major).</summary>
    /// <exception cref="ArgumentException">The frame is not 64 x 64.</exception>
    public static void Render(CartPoleState state, Span<float> frame)
    {
        if (frame.Length != Size * Size) throw new ArgumentException($"a cart-pole frame holds {Size * Size} pixels, got {frame.Length}");
        var (sin, cos) = Math.SinCos(state.Theta);
        var (pivotX, pivotY) = (state.X, CartHeight);
        var (tipX, tipY) = (pivotX + 2 * CartPole.PoleHalfLength * sin, pivotY + 2 * CartPole.PoleHalfLength * cos);
        const double step = 1.0 / SubSamples;
        for (var row = 0; row < Size; row++)
            for (var col = 0; col < Size; col++)
            {
                double sum = 0;
                for (var sy = 0; sy < SubSamples; sy++)
                    for (var sx = 0; sx < SubSamples; sx++)
                    {
                        // world coordinates (metres; y up from the rail) of the sub-sample's centre
                        var x = (col + (sx + 0.5) * step - Size / 2.0) / PixelsPerMetre;
                        var y = (TrackRow - (row + (sy + 0.5) * step)) / PixelsPerMetre;
                        sum += Intensity(x, y, state.X, pivotX, pivotY, tipX, tipY);
                    }
                frame[row * Size + col] = (float)(sum / (SubSamples * SubSamples));
            }
    }

    private static double Intensity(double x, double y, double cartX, double pivotX, double pivotY, double tipX, double tipY)
    {
        if (SegmentDistance(x, y, pivotX, pivotY, tipX, tipY) <= PoleHalfWidth) return 1;
        if (Math.Abs(x - cartX) <= CartHalfWidth && y >= 0 && y <= CartHeight) return 0.6;
        var rail = Math.Abs(x) <= RailEnd && y >= -0.05 && y <= 0;
        var stop = Math.Abs(x) >= RailEnd && Math.Abs(x) <= RailEnd + StopWidth && y >= -0.05 && y <= StopHeight;
        return rail || stop ? 0.35 : 0;
    }

    /// <summary>The distance from (x, y) to the segment from (ax, ay) to (bx, by).</summary>
    private static double SegmentDistance(double x, double y, double ax, double ay, double bx, double by)
    {
        var (dx, dy) = (bx - ax, by - ay);
        var t = Math.Clamp(((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy), 0, 1);
        var (px, py) = (ax + t * dx - x, ay + t * dy - y);
        return Math.Sqrt(px * px + py * py);
    }
}
