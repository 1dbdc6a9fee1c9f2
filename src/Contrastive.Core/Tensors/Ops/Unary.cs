namespace Contrastive.Tensors;

public static partial class Ops
{
    /// <summary>
    /// An elementwise op y = f(x) whose derivative is expressed through x and y:
    /// grad_x += grad_y * dfdx(x, y). Used by the activations and math functions.
    /// </summary>
    internal static Tensor Elementwise(Tensor x, string name, Func<float, float> f, Func<float, float, float> dfdx)
    {
        ArgumentNullException.ThrowIfNull(x);
        var xv = x.Buffer;
        var y = BufferPool.Rent(x.Length);
        for (var i = 0; i < y.Length; i++) y[i] = f(xv[i]);
        return Tensor.FromOp(y, x.Shape, name, [x], g =>
        {
            var gx = Tensor.GradBuffer(x);
            for (var i = 0; i < gx.Length; i++) gx[i] += g[i] * dfdx(xv[i], y[i]);
        });
    }

    /// <summary>e^x.</summary>
    public static Tensor Exp(Tensor x) => Elementwise(x, "exp", MathF.Exp, (_, y) => y);

    /// <summary>Natural logarithm.</summary>
    public static Tensor Log(Tensor x) => Elementwise(x, "log", MathF.Log, (v, _) => 1f / v);
}
