using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Models;

/// <summary>Flattens each sample of a rank-above-2 input to a row (the MLP encoder's input handling).</summary>
internal sealed class FlattenRows : Module
{
    public override Tensor Forward(Tensor input) => input.Rank == 2 ? input : Ops.Reshape(input, input.Size(0), -1);
}
