using System.Buffers;
using System.Numerics.Tensors;
using Contrastive.Tensors;
using Tensor = Contrastive.Tensors.Tensor;

namespace Contrastive.Optim;

/// <summary>
/// LARS as SimCLR trains with it (You et al., 2017; Chen et al., 2020). For parameters of rank 2 and
/// above: d = g + wd * w and trust = eta * |w| / |d| (1 when either norm is 0); parameters of rank 0 or 1
/// (biases, batch-norm) get neither decay nor trust scaling: d = g, trust = 1. Then heavy-ball momentum
/// v = m * v + lr * trust * d; w -= v. State: <c>momentum_buffer</c> per parameter.
/// </summary>
public sealed class Lars : Optimizer
{
    private static readonly (string, bool)[] s_stateNames = [("momentum_buffer", false)];

    /// <summary>Creates LARS over one group of parameters.</summary>
    public Lars(IEnumerable<Tensor> parameters, float lr, float momentum = 0.9f, float weightDecay = 1e-6f, float eta = 1e-3f)
        : this([new ParameterGroup(parameters, lr, weightDecay)], momentum, eta) { }

    /// <summary>Creates LARS over parameter groups with their own learning rates and weight decays.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Momentum is outside [0, 1) or eta is not positive.</exception>
    public Lars(IEnumerable<ParameterGroup> groups, float momentum = 0.9f, float eta = 1e-3f) : base(groups)
    {
        if (!(momentum >= 0f && momentum < 1f)) throw new ArgumentOutOfRangeException(nameof(momentum), $"momentum must be in [0, 1), got {momentum}");
        if (!(eta > 0f && float.IsFinite(eta))) throw new ArgumentOutOfRangeException(nameof(eta), $"eta must be positive, got {eta}");
        Momentum = momentum;
        Eta = eta;
    }

    /// <summary>The heavy-ball momentum factor.</summary>
    public float Momentum { get; }

    /// <summary>The trust coefficient.</summary>
    public float Eta { get; }

    /// <inheritdoc />
    protected override IReadOnlyList<(string Name, bool IsScalar)> StateNames => s_stateNames;

    /// <inheritdoc />
    protected override void Update(ParameterGroup group, int index, Span<float> parameter, ReadOnlySpan<float> grad, ReadOnlySpan<int> shape)
    {
        var buf = State(index, "momentum_buffer");
        TensorPrimitives.Multiply(buf, Momentum, buf);
        if (shape.Length <= 1)
        {
            TensorPrimitives.MultiplyAdd(grad, group.Lr, buf, buf);
        }
        else
        {
            var rented = ArrayPool<float>.Shared.Rent(grad.Length);
            var d = rented.AsSpan(0, grad.Length);
            TensorPrimitives.MultiplyAdd(parameter, group.WeightDecay, grad, d);
            float wn = TensorPrimitives.Norm(parameter), dn = TensorPrimitives.Norm(d);
            var trust = wn > 0f && dn > 0f ? Eta * wn / dn : 1f;
            TensorPrimitives.MultiplyAdd(d, group.Lr * trust, buf, buf);
            ArrayPool<float>.Shared.Return(rented);
        }
        TensorPrimitives.Subtract(parameter, buf, parameter);
    }
}
