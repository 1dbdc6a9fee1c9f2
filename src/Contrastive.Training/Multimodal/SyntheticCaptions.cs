using Contrastive.Tensors;

namespace Contrastive.Multimodal;

/// <summary>
/// Captions for a labeled image dataset, so CLIP can be trained on data that has class names but no text:
/// one of a few templates ("a photo of a {class}", "a {adjective} {class}", ...) with a random adjective.
/// Caption i is drawn from a generator derived from (seed, i), so it does not depend on which other samples exist.
/// </summary>
public static class SyntheticCaptions
{
    /// <summary>The templates; <c>{0}</c> is the class name, <c>{1}</c> the adjective.</summary>
    public static IReadOnlyList<string> Templates { get; } =
    [
        "a photo of a {0}", "a photo of a {1} {0}", "a picture of a {1} {0}", "an image of the {0}",
        "a {1} {0}", "a close up photo of a {1} {0}", "a photo of the {0}",
    ];

    /// <summary>The adjectives.</summary>
    public static IReadOnlyList<string> Adjectives { get; } =
        ["small", "large", "dark", "bright", "plain", "classic", "simple", "new", "old", "grey"];

    /// <summary>One caption per label.</summary>
    /// <exception cref="ArgumentException">A label has no class name.</exception>
    public static string[] ForLabels(IReadOnlyList<int> labels, IReadOnlyList<string> classNames, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        var captions = new string[labels.Count];
        for (var i = 0; i < captions.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classNames.Count)
                throw new ArgumentException($"label {labels[i]} of sample {i} has no class name ({classNames.Count} names)", nameof(labels));
            var rng = Rng.Derive(seed, i);
            var template = Templates[rng.NextInt(Templates.Count)];
            captions[i] = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, classNames[labels[i]], Adjectives[rng.NextInt(Adjectives.Count)]);
        }
        return captions;
    }
}
