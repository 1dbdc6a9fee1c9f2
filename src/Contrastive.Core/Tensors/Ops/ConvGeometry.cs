namespace Contrastive.Tensors;

/// <summary>
/// The shape of a 2-D convolution or pooling window over one (C, H, W) image: kernel (Kh, Kw),
/// symmetric stride and zero padding, output (OutH, OutW) with OutH = (H + 2P - Kh) / S + 1.
/// </summary>
internal readonly record struct ConvGeometry(int Channels, int Height, int Width, int Kh, int Kw, int Stride, int Padding)
{
    public int OutH => (Height + 2 * Padding - Kh) / Stride + 1;

    public int OutW => (Width + 2 * Padding - Kw) / Stride + 1;

    /// <summary>Output positions per channel, OutH * OutW.</summary>
    public int Positions => OutH * OutW;

    /// <summary>Kernel taps per output position, C * Kh * Kw: the width of a row of the im2row matrix.</summary>
    public int Taps => Channels * Kh * Kw;

    public int ImageSize => Channels * Height * Width;

    /// <summary>A 1x1, stride-1, unpadded window: the im2row matrix is the channel-last image itself.</summary>
    public bool IsPointwise => Kh == 1 && Kw == 1 && Stride == 1 && Padding == 0;
}
