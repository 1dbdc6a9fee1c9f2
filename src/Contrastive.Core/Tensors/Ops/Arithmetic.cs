using System.Numerics.Tensors;

namespace Contrastive.Tensors;

/// <summary>The functional op library: every op computes its output and records its backward.</summary>
public static partial class Ops
{
    /// <summary>a + b with NumPy broadcasting.</summary>
    public static Tensor Add(Tensor a, Tensor b) => Binary(a, b, BinaryKind.Add);

    /// <summary>a - b with NumPy broadcasting.</summary>
    public static Tensor Sub(Tensor a, Tensor b) => Binary(a, b, BinaryKind.Sub);

    /// <summary>a * b (elementwise) with NumPy broadcasting.</summary>
    public static Tensor Mul(Tensor a, Tensor b) => Binary(a, b, BinaryKind.Mul);

    /// <summary>a / b (elementwise) with NumPy broadcasting.</summary>
    public static Tensor Div(Tensor a, Tensor b) => Binary(a, b, BinaryKind.Div);

    /// <summary>x * s for a constant s.</summary>
    public static Tensor Scale(Tensor x, float s)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = BufferPool.Rent(x.Length);
        TensorPrimitives.Multiply(x.Buffer, s, y);
        return Tensor.FromOp(y, x.Shape, "scale", [x], g =>
        {
            if (x.TracksGrad) TensorPrimitives.MultiplyAdd(g, s, Tensor.GradBuffer(x), Tensor.GradBuffer(x));
        });
    }

    /// <summary>x + s for a constant s.</summary>
    public static Tensor AddScalar(Tensor x, float s)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = BufferPool.Rent(x.Length);
        TensorPrimitives.Add(x.Buffer, s, y);
        return Tensor.FromOp(y, x.Shape, "add_scalar", [x], g =>
        {
            if (x.TracksGrad) TensorPrimitives.Add(g, Tensor.GradBuffer(x), Tensor.GradBuffer(x));
        });
    }

    /// <summary>-x.</summary>
    public static Tensor Neg(Tensor x) => Scale(x, -1f);

    private enum BinaryKind { Add, Sub, Mul, Div }

    private static Tensor Binary(Tensor a, Tensor b, BinaryKind kind)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var name = kind.ToString().ToLowerInvariant();
        if (a.Shape.SequenceEqual(b.Shape)) return SameShapeBinary(a, b, kind, name);

        var shape = Shapes.Broadcast(a.Shape, b.Shape, name);
        var sa = Shapes.BroadcastStrides(a.Shape, shape);
        var sb = Shapes.BroadcastStrides(b.Shape, shape);
        var y = BufferPool.Rent(Shapes.Count(shape)); // every element is written below
        float[] av = a.Buffer, bv = b.Buffer;
        Broadcasting.ForEachRow(shape, sa, sb, (o, ao, bo, n, @as, bs) =>
        {
            for (var j = 0; j < n; j++)
                y[o + j] = Apply(kind, av[ao + j * @as], bv[bo + j * bs]);
        });
        return Tensor.FromOp(y, shape, name, [a, b], g =>
        {
            var ga = a.TracksGrad ? Tensor.GradBuffer(a) : null;
            var gb = b.TracksGrad ? Tensor.GradBuffer(b) : null;
            Broadcasting.ForEachRow(shape, sa, sb, (o, ao, bo, n, @as, bs) =>
            {
                for (var j = 0; j < n; j++)
                {
                    float x1 = av[ao + j * @as], x2 = bv[bo + j * bs], go = g[o + j];
                    if (ga is not null) ga[ao + j * @as] += go * PartialA(kind, x2);
                    if (gb is not null) gb[bo + j * bs] += go * PartialB(kind, x1, x2);
                }
            });
        });
    }

    private static Tensor SameShapeBinary(Tensor a, Tensor b, BinaryKind kind, string name)
    {
        float[] av = a.Buffer, bv = b.Buffer;
        var y = BufferPool.Rent(a.Length);
        switch (kind)
        {
            case BinaryKind.Add: TensorPrimitives.Add(av, bv, y); break;
            case BinaryKind.Sub: TensorPrimitives.Subtract(av, bv, y); break;
            case BinaryKind.Mul: TensorPrimitives.Multiply(av, bv, y); break;
            default: TensorPrimitives.Divide(av, bv, y); break;
        }
        return Tensor.FromOp(y, a.Shape, name, [a, b], g =>
        {
            if (a.TracksGrad)
            {
                var ga = Tensor.GradBuffer(a);
                if (kind is BinaryKind.Add or BinaryKind.Sub) TensorPrimitives.Add(ga, g, ga);
                else if (kind == BinaryKind.Mul) TensorPrimitives.MultiplyAdd(g, bv, ga, ga);
                else for (var i = 0; i < ga.Length; i++) ga[i] += g[i] / bv[i];
            }
            if (b.TracksGrad)
            {
                var gb = Tensor.GradBuffer(b);
                if (kind == BinaryKind.Add) TensorPrimitives.Add(gb, g, gb);
                else if (kind == BinaryKind.Sub) TensorPrimitives.Subtract(gb, g, gb);
                else if (kind == BinaryKind.Mul) TensorPrimitives.MultiplyAdd(g, av, gb, gb);
                else for (var i = 0; i < gb.Length; i++) gb[i] -= g[i] * av[i] / (bv[i] * bv[i]);
            }
        });
    }

    private static float Apply(BinaryKind kind, float x1, float x2) => kind switch
    {
        BinaryKind.Add => x1 + x2,
        BinaryKind.Sub => x1 - x2,
        BinaryKind.Mul => x1 * x2,
        _ => x1 / x2,
    };

    // d(a op b)/da
    private static float PartialA(BinaryKind kind, float x2) => kind switch
    {
        BinaryKind.Add or BinaryKind.Sub => 1f,
        BinaryKind.Mul => x2,
        _ => 1f / x2,
    };

    // d(a op b)/db
    private static float PartialB(BinaryKind kind, float x1, float x2) => kind switch
    {
        BinaryKind.Add => 1f,
        BinaryKind.Sub => -1f,
        BinaryKind.Mul => x1,
        _ => -x1 / (x2 * x2),
    };
}
