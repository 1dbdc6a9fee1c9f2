using Contrastive.Tensors;

namespace Contrastive.Optim;

/// <summary>
/// Parameters that share hyper-parameters: a learning rate (changed each step by a schedule) and a
/// weight decay. Typical use: one group for weights and one without decay for biases and norms.
/// </summary>
public sealed class ParameterGroup
{
    private float _lr;
    private float _weightDecay;

    /// <summary>Creates a group; <paramref name="lr"/> is also remembered as <see cref="InitialLr"/>.</summary>
    /// <exception cref="ArgumentException">A parameter is null, or a hyper-parameter is negative or not finite.</exception>
    public ParameterGroup(IEnumerable<Tensor> parameters, float lr, float weightDecay = 0f)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToArray();
        if (Parameters.Any(p => p is null)) throw new ArgumentException("a parameter group contains a null parameter", nameof(parameters));
        Lr = lr;
        InitialLr = lr;
        WeightDecay = weightDecay;
    }

    /// <summary>The parameters updated by this group.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The learning rate for the next step.</summary>
    public float Lr
    {
        get => _lr;
        set => _lr = NonNegative(value, "learning rate");
    }

    /// <summary>The learning rate the group was created with; schedules scale it.</summary>
    public float InitialLr { get; }

    /// <summary>False keeps the learning rate at <see cref="InitialLr"/> whatever the schedule (SimSiam's predictor,
    /// as Chen and He 2021). Default: true.</summary>
    public bool Scheduled { get; init; } = true;

    /// <summary>The weight decay coefficient (L2 or decoupled, depending on the optimiser).</summary>
    public float WeightDecay
    {
        get => _weightDecay;
        set => _weightDecay = NonNegative(value, "weight decay");
    }

    internal static float NonNegative(float value, string what) =>
        float.IsFinite(value) && value >= 0f ? value : throw new ArgumentOutOfRangeException(nameof(value), $"{what} must be finite and non-negative, got {value}");
}
