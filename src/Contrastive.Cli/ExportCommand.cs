using System.CommandLine;
using Contrastive.Data.Datasets;
using Contrastive.Export;
using Contrastive.IO;
using Contrastive.Models;
using Contrastive.Runs;

namespace Contrastive.Cli;

/// <summary><c>contrastive export</c>: the run's encoder as an ONNX model (<see cref="OnnxExport"/>), computing what
/// <c>embed</c> computes.</summary>
internal static class ExportCommand
{
    private static readonly Option<string> s_model = new("--model") { Description = "Run directory written by 'contrastive train'", Required = true };
    private static readonly Option<string> s_out = new("--out") { Description = "Output .onnx file", Required = true };
    private static readonly Option<string?> s_data = new("--data") { Description = "Data whose input size the model takes (default: the run's own --data; a table run needs none)" };

    public static Command Create(TextWriter output)
    {
        var command = new Command("export", "Write the encoder as an ONNX model (opset 13; input 'input', output 'embedding', batch size free).") { s_model, s_out, s_data };
        command.SetAction(parsed =>
        {
            var modelDir = parsed.GetValue(s_model)!;
            var geometry = InputOf(modelDir, parsed.GetValue(s_data));
            var (config, model) = RunModel.Load(modelDir, geometry);
            var path = parsed.GetValue(s_out)!;
            OnnxExport.Save(model.Encoder, geometry, path, graphName: $"{config.Method}-{config.Arch}");
            var input = geometry.IsImage ? $"N x {geometry.Channels} x {geometry.Height} x {geometry.Width} images in [0, 1]"
                : $"N x {geometry.Features} rows standardised with {RunFiles.Standardization}";
            output.WriteLine($"wrote {path}: {config.Method} --arch {config.Arch} encoder, input {input}");
            return 0;
        });
        return command;
    }

    /// <summary>The encoder's input geometry: a table run's column count, or the size of the images of
    /// <paramref name="data"/> (by default those the run trained on).</summary>
    private static InputGeometry InputOf(string modelDir, string? data)
    {
        var run = new RunDirectory(modelDir);
        if (File.Exists(run.Standardization))
            return InputGeometry.Table(TabularRun.Standardizer(modelDir).Columns.Count);
        var spec = data ?? TrainConfig.Load(run.Config).Data;
        if (DatasetResolver.IsTable(spec)) throw new ArgumentException($"--model {modelDir} has no {RunFiles.Standardization}, so it was not trained on a table");
        var images = GalleryData.Images(spec, "test");
        return InputGeometry.Image(images.Channels, images.Height, images.Width);
    }
}
