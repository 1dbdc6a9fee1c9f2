using Contrastive.Tensors;

namespace Contrastive.Data.Augmentations;

/// <summary>
/// One random transform of a single CHW float32 image. Implementations are immutable and thread-safe:
/// every random choice comes from the per-sample <see cref="Rng"/> passed to <see cref="Apply"/>, and
/// temporary memory from the per-thread <see cref="AugmentationScratch"/>, so the result depends only on
/// the input and the generator state, never on threads or scheduling.
/// </summary>
/// <remarks>The probability of applying a transform belongs to the <see cref="AugmentationPipeline"/> step
/// that holds it, so a transform always transforms when called.</remarks>
public interface IImageAugmentation
{
    /// <summary>The geometry of the output for an input of geometry <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">The transform cannot handle that input (e.g. wrong channel count).</exception>
    ImageGeometry OutputGeometry(ImageGeometry input);

    /// <summary>
    /// Transforms <paramref name="src"/> (geometry <paramref name="geometry"/>) into <paramref name="dst"/>
    /// (exactly <c>OutputGeometry(geometry).Size</c> floats). <paramref name="src"/> and <paramref name="dst"/>
    /// must not overlap.
    /// </summary>
    void Apply(ReadOnlySpan<float> src, ImageGeometry geometry, Span<float> dst, Rng rng, AugmentationScratch scratch);
}
