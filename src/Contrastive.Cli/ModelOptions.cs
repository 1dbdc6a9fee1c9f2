using System.CommandLine;
using Contrastive.Models;
using Contrastive.Runs;

namespace Contrastive.Cli;

/// <summary>The options naming the model a command reads: a run directory (<c>--model</c>) or a pre-trained backbone
/// used as it comes (<c>--backbone</c>, <c>--input-size</c>, <c>--backbone-stages</c>, <c>--pool-grid</c>), and the
/// threads it runs on (<c>--threads</c>).</summary>
internal sealed class ModelOptions
{
    public Option<string?> Model { get; } = new("--model") { Description = "Run directory written by 'contrastive train'" };

    public Option<string?> Backbone { get; } = new("--backbone") { Description = $"Instead of --model, a pre-trained backbone with no training: {string.Join(" | ", MethodDefaults.Backbones.Concat(Text.TextRun.Backbones))}" };

    public Option<int?> InputSize { get; } = new("--input-size") { Description = $"With --backbone: side of the square images it sees (default {MethodDefaults.BackboneInputSize})" };

    public Option<int?> Stages { get; } = new("--backbone-stages") { Description = $"With --backbone: keep its first N of 4 stages (default {MethodDefaults.BackboneStages})" };

    public Option<int?> PoolGrid { get; } = new("--pool-grid") { Description = $"With --backbone: average its last feature map over an N x N grid (default {MethodDefaults.BackbonePoolGrid})" };

    public Option<int?> Threads { get; } = new("--threads") { Description = "Threads (default: all cores)" };

    public IEnumerable<Option> All => [Model, Backbone, InputSize, Stages, PoolGrid, Threads];

    /// <summary>Sets the engine's threads to <c>--threads</c> when given.</summary>
    /// <exception cref="ArgumentException">The count is below 1.</exception>
    public void ApplyThreads(ParseResult parsed)
    {
        if (parsed.GetValue(Threads) is not { } threads) return;
        if (threads < 1) throw new ArgumentException($"--threads must be at least 1, got {threads}");
        Engine.Threads = threads;
    }

    /// <summary>The run directory, or null for a backbone.</summary>
    /// <exception cref="ArgumentException">Neither or both of --model and --backbone are given, or a backbone's shape
    /// without --backbone.</exception>
    public string? RunDirectory(ParseResult parsed)
    {
        var (model, backbone) = (parsed.GetValue(Model), parsed.GetValue(Backbone));
        if ((model is null) == (backbone is null)) throw new ArgumentException("give either --model RUN_DIR or --backbone NAME");
        foreach (var shape in new[] { InputSize, Stages, PoolGrid })
            if (backbone is null && parsed.GetValue(shape) is not null) throw new ArgumentException($"{shape.Name} applies to --backbone");
        return model;
    }

    /// <summary>The configuration and model: the run's trained one, or the backbone as it comes.</summary>
    /// <exception cref="ArgumentException">The options conflict (see <see cref="RunDirectory"/>), or a backbone is asked to read tables.</exception>
    public (TrainConfig Config, Models.EmbeddingModel Model) Load(ParseResult parsed, InputGeometry input)
    {
        if (RunDirectory(parsed) is { } runDirectory) return RunModel.Load(runDirectory, input);
        if (!input.IsImage) throw new ArgumentException($"--backbone {parsed.GetValue(Backbone)} embeds images, not table rows");
        return RunModel.Backbone(parsed.GetValue(Backbone)!, parsed.GetValue(InputSize), parsed.GetValue(Stages), parsed.GetValue(PoolGrid));
    }
}
