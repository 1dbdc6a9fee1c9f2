using Contrastive.Nn;
using Contrastive.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Contrastive.Models;

/// <summary>Inference layers with batch-norm already folded into their weights; ReLU is applied in place on the
/// fresh output (no second tensor) unless the output is part of a graph.</summary>
internal static class InPlace
{
    /// <summary>max(x, 0), in place when <paramref name="x"/> records no graph.</summary>
    public static Tensor Relu(Tensor x)
    {
        if (x.TracksGrad) return Ops.Relu(x);
        TensorPrimitives.Max(x.Span, 0f, x.Span);
        return x;
    }

    /// <summary>relu(a + b), in place in <paramref name="a"/> when neither records a graph.</summary>
    public static Tensor AddRelu(Tensor a, Tensor b)
    {
        if (a.TracksGrad || b.TracksGrad) return Ops.Relu(Ops.Add(a, b));
        TensorPrimitives.Add(a.Span, b.Span, a.Span);
        return Relu(a);
    }
}

/// <summary>conv(x; W', b') with batch-norm folded into W', b', optionally followed by ReLU.</summary>
internal sealed class FusedConv2d(Tensor weight, Tensor bias, int stride, int padding, bool relu) : Module
{
    public Tensor Weight => weight;

    public Tensor Bias => bias;

    public int Stride => stride;

    public int Padding => padding;

    public bool Relu => relu;

    public override Tensor Forward(Tensor input)
    {
        var y = Ops.Conv2d(input, weight, bias, stride, padding);
        return relu ? InPlace.Relu(y) : y;
    }
}

/// <summary>x W'^T + b' with batch-norm folded into W', b', optionally followed by ReLU.</summary>
internal sealed class FusedLinear(Tensor weight, Tensor bias, bool relu) : Module
{
    public Tensor Weight => weight;

    public Tensor Bias => bias;

    public bool Relu => relu;

    public override Tensor Forward(Tensor input)
    {
        var y = Ops.Linear(input, weight, bias);
        return relu ? InPlace.Relu(y) : y;
    }
}

/// <summary>A folded residual block: relu(body(x) + shortcut(x)), the shortcut being the identity when null.</summary>
internal sealed class FusedResidual(Module body, Module? shortcut) : Module
{
    public Module Body => body;

    public Module? Shortcut => shortcut;

    public override Tensor Forward(Tensor input) => InPlace.AddRelu(body.Forward(input), shortcut?.Forward(input) ?? input);
}

/// <summary>Flattens each sample of a rank-above-2 input to a row (the MLP encoder's input handling).</summary>
internal sealed class FlattenRows : Module
{
    public override Tensor Forward(Tensor input) => input.Rank == 2 ? input : Ops.Reshape(input, input.Size(0), -1);
}
