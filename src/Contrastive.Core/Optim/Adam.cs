using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Contrastive.Tensors;
using Tensor = Contrastive.Tensors.Tensor;

namespace Contrastive.Optim;

/// <summary>
/// Adam (Kingma and Ba, 2015) with PyTorch semantics: g' = g + wd * w (L2 decay; <see cref="AdamW"/>
/// decouples it), m = m + (1 - b1)(g' - m), v = b2 v + (1 - b2) g'^2,
/// w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
/// State per parameter: <c>step</c>, <c>exp_avg</c>, <c>exp_avg_sq</c>.
/// </summary>
public class Adam : Optimizer
{
    private static readonly (string, bool)[] s_stateNames = [("step", true), ("exp_avg", false), ("exp_avg_sq", false)];
    private readonly bool _decoupled;

    /// <summary>Creates Adam over one group of parameters.</summary>
    public Adam(IEnumerable<Tensor> parameters, float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f, float weightDecay = 0f)
        : this([new ParameterGroup(parameters, lr, weightDecay)], beta1, beta2, eps) { }

    /// <summary>Creates Adam over parameter groups with their own learning rates and weight decays.</summary>
    public Adam(IEnumerable<ParameterGroup> groups, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f)
        : this(groups, beta1, beta2, eps, decoupled: false) { }

    /// <summary>Creates the optimiser; <paramref name="decoupled"/> selects AdamW's decay w *= 1 - lr * wd.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A beta is outside [0, 1) or eps is not positive.</exception>
    protected Adam(IEnumerable<ParameterGroup> groups, float beta1, float beta2, float eps, bool decoupled) : base(groups)
    {
        if (!(beta1 >= 0f && beta1 < 1f)) throw new ArgumentOutOfRangeException(nameof(beta1), $"beta1 must be in [0, 1), got {beta1}");
        if (!(beta2 >= 0f && beta2 < 1f)) throw new ArgumentOutOfRangeException(nameof(beta2), $"beta2 must be in [0, 1), got {beta2}");
        if (!(eps > 0f && float.IsFinite(eps))) throw new ArgumentOutOfRangeException(nameof(eps), $"eps must be positive, got {eps}");
        (Beta1, Beta2, Eps, _decoupled) = (beta1, beta2, eps, decoupled);
    }

    /// <summary>Decay rate of the first moment.</summary>
    public float Beta1 { get; }

    /// <summary>Decay rate of the second moment.</summary>
    public float Beta2 { get; }

    /// <summary>Added to the denominator for stability.</summary>
    public float Eps { get; }

    /// <inheritdoc />
    protected override IReadOnlyList<(string Name, bool IsScalar)> StateNames => s_stateNames;

    /// <inheritdoc />
    protected override void Update(ParameterGroup group, int index, Span<float> parameter, ReadOnlySpan<float> grad, ReadOnlySpan<int> shape)
    {
        var step = State(index, "step");
        var t = ++step[0];
        float lr = group.Lr, wd = group.WeightDecay;
        if (_decoupled && wd != 0f) TensorPrimitives.Multiply(parameter, 1f - lr * wd, parameter);
        var c = new Coefficients(
            L2: new Vector<float>(_decoupled ? 0f : wd), OneMinusBeta1: new Vector<float>(1f - Beta1),
            Beta2: new Vector<float>(Beta2), OneMinusBeta2: new Vector<float>(1f - Beta2),
            StepSize: new Vector<float>((float)(lr / (1 - Math.Pow(Beta1, t)))),
            SqrtBc2: new Vector<float>((float)Math.Sqrt(1 - Math.Pow(Beta2, t))), Eps: new Vector<float>(Eps));
        Apply(parameter, grad, State(index, "exp_avg"), State(index, "exp_avg_sq"), c);
    }

    private readonly record struct Coefficients(Vector<float> L2, Vector<float> OneMinusBeta1, Vector<float> Beta2,
        Vector<float> OneMinusBeta2, Vector<float> StepSize, Vector<float> SqrtBc2, Vector<float> Eps);

    /// <summary>One fused pass over whole vectors; the tail is padded with zeros into a stack vector.</summary>
    private static void Apply(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, in Coefficients c)
    {
        var wv = MemoryMarshal.Cast<float, Vector<float>>(w);
        var gv = MemoryMarshal.Cast<float, Vector<float>>(g);
        var mv = MemoryMarshal.Cast<float, Vector<float>>(m);
        var vv = MemoryMarshal.Cast<float, Vector<float>>(v);
        for (var i = 0; i < wv.Length; i++) Kernel(ref wv[i], gv[i], ref mv[i], ref vv[i], c);

        var done = wv.Length * Vector<float>.Count;
        if (done == w.Length) return;
        Span<float> pad = stackalloc float[4 * Vector<float>.Count];
        pad.Clear();
        var n = w.Length - done;
        w[done..].CopyTo(pad);
        g[done..].CopyTo(pad[Vector<float>.Count..]);
        m[done..].CopyTo(pad[(2 * Vector<float>.Count)..]);
        v[done..].CopyTo(pad[(3 * Vector<float>.Count)..]);
        var pv = MemoryMarshal.Cast<float, Vector<float>>(pad);
        Kernel(ref pv[0], pv[1], ref pv[2], ref pv[3], c);
        pad[..n].CopyTo(w[done..]);
        pad.Slice(2 * Vector<float>.Count, n).CopyTo(m[done..]);
        pad.Slice(3 * Vector<float>.Count, n).CopyTo(v[done..]);
    }

    private static void Kernel(ref Vector<float> w, Vector<float> g, ref Vector<float> m, ref Vector<float> v, in Coefficients c)
    {
        g += c.L2 * w;
        m += c.OneMinusBeta1 * (g - m);
        v = c.Beta2 * v + c.OneMinusBeta2 * g * g;
        w -= c.StepSize * m / (Vector.SquareRoot(v) / c.SqrtBc2 + c.Eps);
    }
}
