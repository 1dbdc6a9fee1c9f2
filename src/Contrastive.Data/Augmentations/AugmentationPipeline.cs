using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>
/// An immutable sequence of random transforms applied in order, each with its own probability; itself a
/// transform, so pipelines nest. Intermediate images ping-pong between two scratch buffers.
/// </summary>
public sealed class AugmentationPipeline : IImageAugmentation
{
    private readonly AugmentationStep[] _steps;

    /// <summary>Creates a pipeline of the given steps.</summary>
    /// <exception cref="ArgumentException">A probability is outside [0, 1].</exception>
    public AugmentationPipeline(params AugmentationStep[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        foreach (var step in steps)
        {
            ArgumentNullException.ThrowIfNull(step.Augmentation);
            if (!(step.Probability is >= 0 and <= 1))
                throw new ArgumentException($"probability of {step.Augmentation.GetType().Name} must be in [0, 1], got {step.Probability}");
        }
        _steps = (AugmentationStep[])steps.Clone();
    }

    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<AugmentationStep> Steps => _steps;

    /// <summary>A new pipeline with <paramref name="augmentation"/> appended.</summary>
    public AugmentationPipeline Then(IImageAugmentation augmentation, double probability = 1.0) =>
        new([.. _steps, new AugmentationStep(augmentation, probability)]);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A step that changes the geometry has a probability below 1 (the output size would be random).</exception>
    public ImageGeometry OutputGeometry(ImageGeometry input)
    {
        var g = input;
        foreach (var step in _steps)
        {
            var next = step.Augmentation.OutputGeometry(g);
            if (next != g && step.Probability < 1)
                throw new ArgumentException($"{step.Augmentation.GetType().Name} changes the geometry {g} -> {next} and so must have probability 1, got {step.Probability}");
            g = next;
        }
        return g;
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<float> src, ImageGeometry geometry, Span<float> dst, Rng rng, AugmentationScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(scratch);
        var largest = geometry.Size;
        var g = geometry;
        foreach (var step in _steps)
        {
            g = step.Augmentation.OutputGeometry(g);
            largest = Math.Max(largest, g.Size);
        }
        if (dst.Length != g.Size)
            throw new ArgumentException($"pipeline output for a {geometry} image is {g} ({g.Size} floats), destination has {dst.Length}");

        using var frame = scratch.Frame();
        var a = frame.Floats(largest);
        var b = frame.Floats(largest);
        var current = 0; // 0: src, 1: a, 2: b
        g = geometry;
        foreach (var step in _steps)
        {
            if (step.Probability < 1 && !rng.Bernoulli(step.Probability)) continue;
            var next = step.Augmentation.OutputGeometry(g);
            ReadOnlySpan<float> input = current switch { 0 => src[..g.Size], 1 => a[..g.Size], _ => b[..g.Size] };
            var output = current == 1 ? b[..next.Size] : a[..next.Size];
            step.Augmentation.Apply(input, g, output, rng, scratch);
            current = current == 1 ? 2 : 1;
            g = next;
        }
        ReadOnlySpan<float> result = current switch { 0 => src[..g.Size], 1 => a[..g.Size], _ => b[..g.Size] };
        result.CopyTo(dst);
    }
}
