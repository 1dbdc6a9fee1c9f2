using Contrastive.Nn;

namespace Contrastive.Models;

/// <summary>A model that can build an inference-only copy of itself with batch-norm folded into its layers.</summary>
public interface IBatchNormFoldable
{
    /// <summary>
    /// A module computing this model's eval-mode output with every batch-norm folded into the convolution or linear
    /// layer before it (and ReLU applied in place). It copies the current weights and running statistics: later
    /// training does not change it, and it records no graph to any of this model's parameters.
    /// </summary>
    Module FoldBatchNorm();
}
