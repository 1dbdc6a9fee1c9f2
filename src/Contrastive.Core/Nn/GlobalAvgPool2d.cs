using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>Global average pooling (N, C, H, W) to (N, C), as <c>x.mean(dim=(2, 3))</c>; no state.</summary>
public sealed class GlobalAvgPool2d : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Ops.GlobalAvgPool(input);
}
