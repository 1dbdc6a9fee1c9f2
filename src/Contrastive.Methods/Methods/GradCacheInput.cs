using Contrastive.Nn;
using Contrastive.Tensors;

namespace Contrastive.Methods;

/// <summary>One encoder pass of a <see cref="GradCache"/> step: the model and the (B, ...) batch it encodes.</summary>
public readonly record struct GradCacheInput(Module Model, Tensor Batch);
