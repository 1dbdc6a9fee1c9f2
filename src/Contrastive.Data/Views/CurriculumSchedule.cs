namespace Contrastive.Data.Views;

/// <summary>
/// Maps training progress p in [0, 1] to an augmentation strength, ramping linearly from its start to its end value
/// over p in [0, <see cref="RampEnd"/>] and constant after. Strength feeds the
/// <see cref="Augmentations.AugmentationPresets"/> recipes (through <see cref="ViewGenerator"/>).
/// </summary>
public sealed class CurriculumSchedule
{
    /// <summary>Creates a schedule.</summary>
    /// <exception cref="ArgumentException">A strength is outside [0, 1] or the ramp end is not in (0, 1].</exception>
    public CurriculumSchedule(float startStrength, float endStrength, float rampEnd = 1f)
    {
        foreach (var (name, v) in new[] { ("start strength", startStrength), ("end strength", endStrength) })
            if (!(v is >= 0 and <= 1)) throw new ArgumentException($"curriculum: {name} must be in [0, 1], got {v}");
        if (!(rampEnd is > 0 and <= 1)) throw new ArgumentException($"curriculum: ramp end must be in (0, 1], got {rampEnd}");
        (StartStrength, EndStrength, RampEnd) = (startStrength, endStrength, rampEnd);
    }

    /// <summary>Strength at progress 0.</summary>
    public float StartStrength { get; }

    /// <summary>Strength from <see cref="RampEnd"/> on.</summary>
    public float EndStrength { get; }

    /// <summary>Progress at which the ramp ends.</summary>
    public float RampEnd { get; }

    /// <summary>Augmentation strength at <paramref name="progress"/>.</summary>
    public float Strength(float progress) => StartStrength + (EndStrength - StartStrength) * Math.Clamp(progress / RampEnd, 0f, 1f);
}
