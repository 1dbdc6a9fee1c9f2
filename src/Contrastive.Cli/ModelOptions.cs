using System.CommandLine;
using Contrastive.Models;
using Contrastive.Runs;

namespace Contrastive.Cli;

/// <summary>The options naming the model a command reads: a run directory (<c>--model</c>) or a pre-trained backbone
/// used as it comes (<c>--backbone</c>, <c>--input-size</c>).</summary>
internal sealed class ModelOptions
{
    public Option<string?> Model { get; } = new("--model") { Description = "Run directory written by 'contrastive train'" };

    public Option<string?> Backbone { get; } = new("--backbone") { Description = $"Instead of --model, a pre-trained backbone with no training: {string.Join(" | ", MethodDefaults.Backbones.Concat(Text.TextRun.Backbones))}" };

    public Option<int?> InputSize { get; } = new("--input-size") { Description = $"With --backbone: side of the square images it sees (default {MethodDefaults.BackboneInputSize})" };

    public IEnumerable<Option> All => [Model, Backbone, InputSize];

    /// <summary>The run directory, or null for a backbone.</summary>
    /// <exception cref="ArgumentException">Neither or both of --model and --backbone are given, or --input-size without --backbone.</exception>
    public string? RunDirectory(ParseResult parsed)
    {
        var (model, backbone) = (parsed.GetValue(Model), parsed.GetValue(Backbone));
        if ((model is null) == (backbone is null)) throw new ArgumentException("give either --model RUN_DIR or --backbone NAME");
        if (backbone is null && parsed.GetValue(InputSize) is not null) throw new ArgumentException("--input-size applies to --backbone");
        return model;
    }

    /// <summary>The configuration and model: the run's trained one, or the backbone as it comes.</summary>
    /// <exception cref="ArgumentException">The options conflict (see <see cref="RunDirectory"/>), or a backbone is asked to read tables.</exception>
    public (TrainConfig Config, Models.EmbeddingModel Model) Load(ParseResult parsed, InputGeometry input)
    {
        if (RunDirectory(parsed) is { } runDirectory) return RunModel.Load(runDirectory, input);
        if (!input.IsImage) throw new ArgumentException($"--backbone {parsed.GetValue(Backbone)} embeds images, not table rows");
        return RunModel.Backbone(parsed.GetValue(Backbone)!, parsed.GetValue(InputSize));
    }
}
