using Contrastive.Tensors;

namespace Contrastive.Nn;

/// <summary>
/// Batch normalisation over the channel dimension (PyTorch <c>nn.BatchNorm*</c>, tracking running statistics):
/// parameters <c>weight</c> (ones) and <c>bias</c> (zeros) when affine; buffers <c>running_mean</c> (zeros),
/// <c>running_var</c> (ones) and the integer <c>num_batches_tracked</c>, incremented by every training forward.
/// </summary>
public abstract class BatchNormBase : Module
{
    /// <summary>Creates the state for <paramref name="features"/> channels; without <paramref name="affine"/> the scale
    /// and shift are fixed at 1 and 0 and are not parameters (PyTorch's <c>affine=False</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The channel count is not positive.</exception>
    protected BatchNormBase(int features, float momentum, float eps, bool affine)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        Features = features;
        Momentum = momentum;
        Eps = eps;
        Weight = affine ? RegisterParameter("weight", Tensor.Ones(features)) : Tensor.Ones(features);
        Bias = affine ? RegisterParameter("bias", Tensor.Zeros(features)) : Tensor.Zeros(features);
        RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(features));
        RunningVar = RegisterBuffer("running_var", Tensor.Ones(features));
        NumBatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Scalar(0), isInteger: true);
    }

    /// <summary>The number of channels.</summary>
    public int Features { get; }

    /// <summary>The running-statistics momentum m: each training forward sets running = (1 - m) * running + m * batch.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set outside (0, 1].</exception>
    public float Momentum
    {
        get;
        set => field = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "batch-norm momentum must be in (0, 1]");
    }

    /// <summary>The variance epsilon.</summary>
    public float Eps { get; }

    /// <summary>The scale gamma, shape (C).</summary>
    public Tensor Weight { get; }

    /// <summary>The shift beta, shape (C).</summary>
    public Tensor Bias { get; }

    /// <summary>The running mean, shape (C).</summary>
    public Tensor RunningMean { get; }

    /// <summary>The running (unbiased) variance, shape (C).</summary>
    public Tensor RunningVar { get; }

    /// <summary>The number of training batches seen (a rank-0 counter).</summary>
    public Tensor NumBatchesTracked { get; }

    /// <summary>True when <paramref name="rank"/> is an input rank this layer accepts.</summary>
    protected abstract bool AcceptsRank(int rank);

    /// <summary>The input shapes this layer accepts, for error messages.</summary>
    protected abstract string ExpectedShape { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The input rank is wrong for this layer.</exception>
    public override Tensor Forward(Tensor input) => Forward(input, relu: false);

    /// <summary>
    /// max(0, <see cref="Forward(Tensor)"/>) as one fused op (<see cref="Ops.BatchNormRelu"/>); <see cref="Sequential"/>
    /// uses it when this layer is directly followed by a <see cref="ReLU"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The input rank is wrong for this layer.</exception>
    public Tensor ForwardRelu(Tensor input) => Forward(input, relu: true);

    private Tensor Forward(Tensor input, bool relu)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!AcceptsRank(input.Rank))
            throw new ArgumentException($"{GetType().Name} expects input {ExpectedShape}, got {Shapes.Format(input.Shape)}");
        if (Training) NumBatchesTracked.Span[0] += 1;
        return relu
            ? Ops.BatchNormRelu(input, Weight, Bias, RunningMean, RunningVar, Training, Momentum, Eps)
            : Ops.BatchNorm(input, Weight, Bias, RunningMean, RunningVar, Training, Momentum, Eps);
    }
}
