using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Contrastive.Tensors;

/// <summary>
/// One-pass SIMD reductions and updates shared by batch and layer normalisation. Moments are taken
/// around a shift (a sample of the data or the mean), which keeps E[(x-k)^2] - E[x-k]^2 free of the
/// cancellation that the raw sum of squares suffers when |mean| &gt;&gt; std.
/// </summary>
internal static class NormKernels
{
    /// <summary>(sum of (x - shift), sum of (x - shift)^2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (float Sum, float SumSq) ShiftedMoments(ReadOnlySpan<float> x, float shift)
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        int n = x.Length, i = 0, w = Vector<float>.Count;
        var k = new Vector<float>(shift);
        Vector<float> s = default, q = default;
        for (; i <= n - w; i += w)
        {
            var d = Vector.LoadUnsafe(ref xr, (nuint)i) - k;
            s += d;
            q += d * d;
        }
        float sum = Vector.Sum(s), sumSq = Vector.Sum(q);
        for (; i < n; i++)
        {
            var d = Unsafe.Add(ref xr, i) - shift;
            sum += d;
            sumSq += d * d;
        }
        return (sum, sumSq);
    }

    /// <summary>(sum of g, sum of g * (x - mean)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (float SumG, float SumGX) GradMoments(ReadOnlySpan<float> g, ReadOnlySpan<float> x, float mean)
    {
        if (g.Length != x.Length) throw new ArgumentException("gradient and input spans differ in length");
        ref var gr = ref MemoryMarshal.GetReference(g);
        ref var xr = ref MemoryMarshal.GetReference(x);
        int n = x.Length, i = 0, w = Vector<float>.Count;
        var m = new Vector<float>(mean);
        Vector<float> sg = default, sgx = default;
        for (; i <= n - w; i += w)
        {
            var gv = Vector.LoadUnsafe(ref gr, (nuint)i);
            sg += gv;
            sgx += gv * (Vector.LoadUnsafe(ref xr, (nuint)i) - m);
        }
        float sumG = Vector.Sum(sg), sumGX = Vector.Sum(sgx);
        for (; i < n; i++)
        {
            var gv = Unsafe.Add(ref gr, i);
            sumG += gv;
            sumGX += gv * (Unsafe.Add(ref xr, i) - mean);
        }
        return (sumG, sumGX);
    }

    /// <summary>dst += a * g + b * (x - center) + c, elementwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddLinear(Span<float> dst, ReadOnlySpan<float> g, float a, ReadOnlySpan<float> x, float center, float b, float c)
    {
        if (g.Length != dst.Length || x.Length != dst.Length) throw new ArgumentException("spans differ in length");
        ref var dr = ref MemoryMarshal.GetReference(dst);
        ref var gr = ref MemoryMarshal.GetReference(g);
        ref var xr = ref MemoryMarshal.GetReference(x);
        int n = dst.Length, i = 0, w = Vector<float>.Count;
        Vector<float> av = new(a), bv = new(b), cv = new(c), kv = new(center);
        for (; i <= n - w; i += w)
        {
            var v = Vector.LoadUnsafe(ref dr, (nuint)i) + av * Vector.LoadUnsafe(ref gr, (nuint)i) + bv * (Vector.LoadUnsafe(ref xr, (nuint)i) - kv) + cv;
            v.StoreUnsafe(ref dr, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref dr, i) += a * Unsafe.Add(ref gr, i) + b * (Unsafe.Add(ref xr, i) - center) + c;
    }

    /// <summary>y = (x - center) * scale + offset, elementwise (centering first avoids cancellation when |center| &gt;&gt; spread).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Affine(ReadOnlySpan<float> x, float center, float scale, float offset, Span<float> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("spans differ in length");
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        int n = x.Length, i = 0, w = Vector<float>.Count;
        Vector<float> kv = new(center), sv = new(scale), ov = new(offset);
        for (; i <= n - w; i += w) ((Vector.LoadUnsafe(ref xr, (nuint)i) - kv) * sv + ov).StoreUnsafe(ref yr, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref yr, i) = (Unsafe.Add(ref xr, i) - center) * scale + offset;
    }
}
