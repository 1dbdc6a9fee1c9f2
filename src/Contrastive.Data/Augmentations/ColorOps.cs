using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Contrastive.Data.Augmentations;

/// <summary>Pixel kernels for the colour transforms, in place on a CHW image, with torchvision's formulas.</summary>
internal static class ColorOps
{
    /// <summary>ITU-R 601 luma weights used by torchvision's <c>rgb_to_grayscale</c>.</summary>
    public const float LumaR = 0.2989f, LumaG = 0.587f, LumaB = 0.114f;

    /// <summary>Throws unless the image has 1 or 3 channels.</summary>
    public static void RequireGreyOrRgb(ImageGeometry g, string what)
    {
        if (g.Channels is not (1 or 3))
            throw new ArgumentException($"{what} needs a 1- or 3-channel image, got {g}");
    }

    /// <summary>x = clamp(a * x + b, low, high) over <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AffineClamp(Span<float> x, float a, float b, float low, float high)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
        {
            var va = new Vector<float>(a);
            var vb = new Vector<float>(b);
            var vl = new Vector<float>(low);
            var vh = new Vector<float>(high);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(x[i..]);
                Vector.Min(Vector.Max(v * va + vb, vl), vh).CopyTo(x[i..]);
            }
        }
        for (; i < x.Length; i++) x[i] = Math.Clamp(a * x[i] + b, low, high);
    }

    /// <summary>The mean of the luma (the image itself for one channel) over all pixels.</summary>
    public static float MeanLuma(ReadOnlySpan<float> img, ImageGeometry g)
    {
        var n = g.Plane;
        if (g.Channels == 1) return TensorPrimitives.Sum(img[..n]) / n;
        return (LumaR * TensorPrimitives.Sum(img[..n]) + LumaG * TensorPrimitives.Sum(img.Slice(n, n))
                + LumaB * TensorPrimitives.Sum(img.Slice(2 * n, n))) / n;
    }

    /// <summary>Brightness: x = clamp(f x, 0, 1).</summary>
    public static void Brightness(Span<float> img, float f) => AffineClamp(img, f, 0f, 0f, 1f);

    /// <summary>Contrast: x = clamp(f x + (1 - f) mean(luma), 0, 1).</summary>
    public static void Contrast(Span<float> img, ImageGeometry g, float f) =>
        AffineClamp(img, f, (1 - f) * MeanLuma(img, g), 0f, 1f);

    /// <summary>Saturation (RGB only): x = clamp(f x + (1 - f) luma(pixel), 0, 1).</summary>
    public static void Saturation(Span<float> img, int plane, float f)
    {
        var r = img[..plane];
        var gr = img.Slice(plane, plane);
        var b = img.Slice(2 * plane, plane);
        for (var i = 0; i < plane; i++)
        {
            var grey = (1 - f) * (LumaR * r[i] + LumaG * gr[i] + LumaB * b[i]);
            r[i] = Math.Clamp(f * r[i] + grey, 0f, 1f);
            gr[i] = Math.Clamp(f * gr[i] + grey, 0f, 1f);
            b[i] = Math.Clamp(f * b[i] + grey, 0f, 1f);
        }
    }

    /// <summary>Grayscale (RGB): every channel becomes the luma.</summary>
    public static void Grayscale(Span<float> img, int plane)
    {
        var r = img[..plane];
        var gr = img.Slice(plane, plane);
        var b = img.Slice(2 * plane, plane);
        for (var i = 0; i < plane; i++) r[i] = LumaR * r[i] + LumaG * gr[i] + LumaB * b[i];
        r.CopyTo(gr);
        r.CopyTo(b);
    }

    /// <summary>Hue shift (RGB only): to HSV, h = (h + shift) mod 1, back to RGB (torchvision's _rgb2hsv/_hsv2rgb).</summary>
    public static void Hue(Span<float> img, int plane, float shift)
    {
        var r = img[..plane];
        var gr = img.Slice(plane, plane);
        var b = img.Slice(2 * plane, plane);
        for (var i = 0; i < plane; i++)
        {
            var (h, s, v) = RgbToHsv(r[i], gr[i], b[i]);
            h += shift;
            h -= MathF.Floor(h);
            (r[i], gr[i], b[i]) = HsvToRgb(h, s, v);
        }
    }

    private static (float H, float S, float V) RgbToHsv(float r, float g, float b)
    {
        var max = MathF.Max(r, MathF.Max(g, b));
        var min = MathF.Min(r, MathF.Min(g, b));
        var chroma = max - min;
        if (chroma == 0) return (0f, 0f, max);
        var s = chroma / max;
        float rc = (max - r) / chroma, gc = (max - g) / chroma, bc = (max - b) / chroma;
        // h in sextants: red max -> bc - gc, green max -> 2 + rc - bc, blue max -> 4 + gc - rc.
        var h = max == r ? bc - gc : max == g ? 2f + rc - bc : 4f + gc - rc;
        h = h / 6f + 1f;
        return (h - MathF.Floor(h), s, max);
    }

    private static (float R, float G, float B) HsvToRgb(float h, float s, float v)
    {
        var sector = MathF.Floor(h * 6f);
        var f = h * 6f - sector;
        var p = Math.Clamp(v * (1 - s), 0f, 1f);
        var q = Math.Clamp(v * (1 - s * f), 0f, 1f);
        var t = Math.Clamp(v * (1 - s * (1 - f)), 0f, 1f);
        return ((int)sector % 6) switch
        {
            0 => (v, t, p),
            1 => (q, v, p),
            2 => (p, v, t),
            3 => (p, q, v),
            4 => (t, p, v),
            _ => (v, p, q),
        };
    }
}
