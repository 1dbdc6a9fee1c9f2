namespace Contrastive.Tensors;

public sealed partial class Tensor
{
    /// <summary>Elementwise sum with broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Ops.Add(a, b);

    /// <summary>Elementwise difference with broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Ops.Sub(a, b);

    /// <summary>Elementwise product with broadcasting.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Ops.Mul(a, b);

    /// <summary>Elementwise quotient with broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Ops.Div(a, b);

    /// <summary>Multiplication by a constant.</summary>
    public static Tensor operator *(Tensor a, float s) => Ops.Scale(a, s);

    /// <summary>Multiplication by a constant.</summary>
    public static Tensor operator *(float s, Tensor a) => Ops.Scale(a, s);

    /// <summary>Division by a constant.</summary>
    public static Tensor operator /(Tensor a, float s) => Ops.Scale(a, 1f / s);

    /// <summary>Addition of a constant.</summary>
    public static Tensor operator +(Tensor a, float s) => Ops.AddScalar(a, s);

    /// <summary>Subtraction of a constant.</summary>
    public static Tensor operator -(Tensor a, float s) => Ops.AddScalar(a, -s);

    /// <summary>Negation.</summary>
    public static Tensor operator -(Tensor a) => Ops.Neg(a);
}
