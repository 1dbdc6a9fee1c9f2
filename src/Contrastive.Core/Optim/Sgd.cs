using System.Numerics.Tensors;
using Contrastive.Tensors;
using Tensor = Contrastive.Tensors.Tensor;

namespace Contrastive.Optim;

/// <summary>
/// Stochastic gradient descent with PyTorch semantics (dampening 0): d = g + wd * w;
/// with momentum, buf = m * buf + d and d = buf (Nesterov: d = d + m * buf); then w -= lr * d.
/// State: <c>momentum_buffer</c> per parameter.
/// </summary>
public sealed class Sgd : Optimizer
{
    private static readonly (string, bool)[] s_stateNames = [("momentum_buffer", false)];

    /// <summary>Creates SGD over one group of parameters.</summary>
    public Sgd(IEnumerable<Tensor> parameters, float lr, float momentum = 0f, float weightDecay = 0f, bool nesterov = false)
        : this([new ParameterGroup(parameters, lr, weightDecay)], momentum, nesterov) { }

    /// <summary>Creates SGD over parameter groups with their own learning rates and weight decays.</summary>
    /// <exception cref="ArgumentException">Momentum is outside [0, 1), or Nesterov is asked without momentum.</exception>
    public Sgd(IEnumerable<ParameterGroup> groups, float momentum = 0f, bool nesterov = false) : base(groups)
    {
        if (!(momentum >= 0f && momentum < 1f)) throw new ArgumentOutOfRangeException(nameof(momentum), $"momentum must be in [0, 1), got {momentum}");
        if (nesterov && momentum == 0f) throw new ArgumentException("Nesterov momentum needs a momentum above 0", nameof(nesterov));
        Momentum = momentum;
        Nesterov = nesterov;
    }

    /// <summary>The momentum factor (0: plain SGD).</summary>
    public float Momentum { get; }

    /// <summary>Whether the Nesterov form of momentum is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc />
    protected override IReadOnlyList<(string Name, bool IsScalar)> StateNames => s_stateNames;

    /// <inheritdoc />
    protected override void Update(ParameterGroup group, int index, Span<float> parameter, ReadOnlySpan<float> grad, ReadOnlySpan<int> shape)
    {
        float lr = group.Lr, wd = group.WeightDecay;
        if (Momentum == 0f)
        {
            // w = w * (1 - lr * wd) - lr * g
            if (wd != 0f) TensorPrimitives.Multiply(parameter, 1f - lr * wd, parameter);
            TensorPrimitives.MultiplyAdd(grad, -lr, parameter, parameter);
            return;
        }
        var buf = State(index, "momentum_buffer");
        TensorPrimitives.MultiplyAdd(buf, Momentum, grad, buf);                 // buf = m * buf + g
        if (wd != 0f) TensorPrimitives.MultiplyAdd(parameter, wd, buf, buf);      //      + wd * w
        if (Nesterov)
        {
            // w -= lr * (g + wd * w + m * buf)
            if (wd != 0f) TensorPrimitives.Multiply(parameter, 1f - lr * wd, parameter);
            TensorPrimitives.MultiplyAdd(grad, -lr, parameter, parameter);
            TensorPrimitives.MultiplyAdd(buf, -lr * Momentum, parameter, parameter);
        }
        else
        {
            TensorPrimitives.MultiplyAdd(buf, -lr, parameter, parameter);           // w -= lr * buf
        }
    }
}
