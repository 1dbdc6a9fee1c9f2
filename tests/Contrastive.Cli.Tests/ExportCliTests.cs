namespace Contrastive.Cli.Tests;

/// <summary><c>contrastive export</c> on a trained run: the ONNX file and what it says of its input.</summary>
public sealed class ExportCliTests() : CliTestBase("export")
{
    [Fact]
    public async Task Export_writes_an_onnx_model_for_the_runs_own_data()
    {
        var (_, run) = await TrainTinyRun(8, seed: 3);

        var onnx = Path.Combine(Dir, "encoder.onnx");
        var export = await Run("export", "--model", run, "--out", onnx);
        Assert.True(export.Code == 0, export.Err);
        Assert.Contains("simclr --arch bench encoder, input N x 1 x 12 x 12 images in [0, 1]", export.Out);
        var bytes = File.ReadAllBytes(onnx);
        Assert.Equal(0x08, bytes[0]); // field 1 (ir_version), varint: a ModelProto starts with its IR version
        Assert.True(bytes.AsSpan().IndexOf("Contrastive.NET"u8) > 0, "no producer name in the model");

        AssertOneLineError(await Run("export", "--model", run, "--out", onnx, "--data", Path.Combine(Dir, "none")), "none");
    }
}
