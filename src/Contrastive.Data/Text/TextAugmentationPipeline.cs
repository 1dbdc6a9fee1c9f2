using Contrastive.Tensors;

namespace Contrastive.Data.Text;

/// <summary>Applies augmentations in order, each to the previous one's output.</summary>
/// <param name="steps">The augmentations, first to last.</param>
public sealed class TextAugmentationPipeline(params ITextAugmentation[] steps) : ITextAugmentation
{
    private readonly ITextAugmentation[] _steps = steps ?? throw new ArgumentNullException(nameof(steps));

    /// <inheritdoc />
    public int[] Apply(ReadOnlySpan<int> tokens, Rng rng)
    {
        var result = tokens.ToArray();
        foreach (var step in _steps) result = step.Apply(result, rng);
        return result;
    }
}
