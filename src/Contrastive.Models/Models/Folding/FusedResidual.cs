using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>A folded residual block: relu(body(x) + shortcut(x)), the shortcut being the identity when null.</summary>
internal sealed class FusedResidual(Module body, Module? shortcut) : Module
{
    public Module Body => body;

    public Module? Shortcut => shortcut;

    public override Tensor Forward(Tensor input) => InPlace.AddRelu(body.Forward(input), shortcut?.Forward(input) ?? input);
}
