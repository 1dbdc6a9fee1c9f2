using Contrastive.Tensors;

namespace Contrastive.Optim;

/// <summary>
/// AdamW (Loshchilov and Hutter, 2019): Adam with decoupled weight decay, w *= 1 - lr * wd before the
/// Adam update (PyTorch semantics; default weight decay 0.01).
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates AdamW over one group of parameters.</summary>
    public AdamW(IEnumerable<Tensor> parameters, float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f, float weightDecay = 1e-2f)
        : this([new ParameterGroup(parameters, lr, weightDecay)], beta1, beta2, eps) { }

    /// <summary>Creates AdamW over parameter groups with their own learning rates and weight decays.</summary>
    public AdamW(IEnumerable<ParameterGroup> groups, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f)
        : base(groups, beta1, beta2, eps, decoupled: true) { }
}
