namespace Contrastive.Data.Views;

/// <summary>
/// Maps training progress p in [0, 1] to an augmentation strength and a negative difficulty ("hardness"),
/// both ramping linearly from their start to their end value over p in [0, <see cref="RampEnd"/>] and
/// constant after. Strength feeds the <see cref="Augmentations.AugmentationPresets"/> recipes (through
/// <see cref="ViewGenerator"/>); hardness is the probability that <see cref="PairGenerator"/> and
/// <see cref="TripletGenerator"/> take a negative from their <see cref="IHardNegativeSource"/> instead of
/// uniformly from the other classes.
/// </summary>
public sealed class CurriculumSchedule
{
    /// <summary>Creates a schedule.</summary>
    /// <exception cref="ArgumentException">A value is outside [0, 1] or the ramp end is not in (0, 1].</exception>
    public CurriculumSchedule(float startStrength, float endStrength, float startHardness = 0f, float endHardness = 0f, float rampEnd = 1f)
    {
        foreach (var (name, v) in new[] { ("start strength", startStrength), ("end strength", endStrength), ("start hardness", startHardness), ("end hardness", endHardness) })
            if (!(v is >= 0 and <= 1)) throw new ArgumentException($"curriculum: {name} must be in [0, 1], got {v}");
        if (!(rampEnd is > 0 and <= 1)) throw new ArgumentException($"curriculum: ramp end must be in (0, 1], got {rampEnd}");
        (StartStrength, EndStrength, StartHardness, EndHardness, RampEnd) = (startStrength, endStrength, startHardness, endHardness, rampEnd);
    }

    /// <summary>A schedule that never changes.</summary>
    public static CurriculumSchedule Constant(float strength = 1f, float hardness = 0f) => new(strength, strength, hardness, hardness);

    /// <summary>Strength at progress 0.</summary>
    public float StartStrength { get; }

    /// <summary>Strength from <see cref="RampEnd"/> on.</summary>
    public float EndStrength { get; }

    /// <summary>Hardness at progress 0.</summary>
    public float StartHardness { get; }

    /// <summary>Hardness from <see cref="RampEnd"/> on.</summary>
    public float EndHardness { get; }

    /// <summary>Progress at which the ramps end.</summary>
    public float RampEnd { get; }

    /// <summary>Augmentation strength at <paramref name="progress"/>.</summary>
    public float Strength(float progress) => Lerp(StartStrength, EndStrength, progress);

    /// <summary>Negative hardness at <paramref name="progress"/>.</summary>
    public float Hardness(float progress) => Lerp(StartHardness, EndHardness, progress);

    private float Lerp(float start, float end, float progress) => start + (end - start) * Math.Clamp(progress / RampEnd, 0f, 1f);
}
