using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

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
