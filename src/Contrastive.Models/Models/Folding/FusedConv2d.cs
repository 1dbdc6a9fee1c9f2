using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

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
