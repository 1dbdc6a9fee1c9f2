using Contrastive.Models;

namespace Contrastive.Runs;

/// <summary>
/// Named recipes for <c>train --preset NAME</c>: a <see cref="TrainConfig"/> to start from, as a <c>--config</c> file
/// would be, whose every value an explicit option overrides. Each is a recipe measured in BENCHMARKS.md.
/// </summary>
public static class TrainPresets
{
    /// <summary>The presets by name, each with the line <c>train --help</c> and the README show.</summary>
    public static IReadOnlyList<(string Name, string Description, TrainConfig Config)> All { get; } =
    [
        ("imagenet-clusters",
            "SupCon at temperature 0.1 on 100 k-means clusters of the ImageNet ResNet-18 cut's features, the cut frozen and a " +
            "512-unit adapter on it trained for 2 epochs (no label used): the best embeddings for few labels, +11 points over raw " +
            "pixels with 10 labels per class on Fashion-MNIST (BENCHMARKS.md, \"An adapter on the frozen ImageNet cut\")",
            new TrainConfig
            {
                Method = Methods.SupCon.Id,
                Arch = ImageNetResNet18.Name,
                Backbone = ImageNetResNet18.Name,
                FreezeEncoder = true,
                Adapter = 512,
                Temperature = 0.1f,
                PseudoLabels = 100,
                Epochs = 2,
                Batch = 128,
            }),
    ];

    /// <summary>The preset called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No preset has that name; the message lists them.</exception>
    public static TrainConfig Get(string name) => All.FirstOrDefault(p => p.Name == name).Config
        ?? throw new ArgumentException($"unknown preset '{name}' (expected {string.Join(", ", All.Select(p => p.Name))})", nameof(name));
}
