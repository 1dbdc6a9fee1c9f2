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
            "SupCon on 100 k-means clusters of the ImageNet ResNet-18's features, its last 2 blocks fine-tuned, clustered again " +
            "every epoch for 3 epochs (no label used): the best embeddings for few labels (BENCHMARKS.md, \"Re-clustering the pseudo-labels\")",
            new TrainConfig
            {
                Method = Methods.SupCon.Id,
                Arch = ImageNetResNet18.Name,
                Backbone = ImageNetResNet18.Name,
                TrainBlocks = 2,
                HeadReadsGrid = true,
                PseudoLabels = 100,
                ReclusterEvery = 1,
                Epochs = 3,
                Batch = 128,
            }),
    ];

    /// <summary>The preset called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No preset has that name; the message lists them.</exception>
    public static TrainConfig Get(string name) => All.FirstOrDefault(p => p.Name == name).Config
        ?? throw new ArgumentException($"unknown preset '{name}' (expected {string.Join(", ", All.Select(p => p.Name))})", nameof(name));
}
