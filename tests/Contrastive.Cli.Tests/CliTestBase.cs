using Contrastive.Data.Formats.Images;
using Contrastive.Tensors;
using Contrastive.Testing;

namespace Contrastive.Cli.Tests;

/// <summary>What the CLI tests share: a temporary directory removed afterwards, the command run in-process with its
/// output captured, the one-line error check and small generated images.</summary>
public abstract class CliTestBase : IDisposable
{
    private readonly TempDirectory _temp;

    /// <summary>Creates the test's temporary directory, named after <paramref name="prefix"/>.</summary>
    protected CliTestBase(string prefix) => _temp = new TempDirectory($"contrastive-{prefix}");

    /// <summary>The test's temporary directory.</summary>
    protected string Dir => _temp.Path;

    /// <inheritdoc />
    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs the command with <paramref name="args"/> and returns its exit code, stdout and stderr.</summary>
    protected static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Asserts a failure reported as one line "contrastive: ..." holding every text of <paramref name="expected"/>, no stack trace.</summary>
    protected static void AssertOneLineError((int Code, string Out, string Err) result, params string[] expected)
    {
        Assert.Equal(1, result.Code);
        var lines = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("contrastive: ", lines[0]);
        Assert.DoesNotContain("   at ", result.Err);
        foreach (var text in expected) Assert.True(lines[0].Contains(text, StringComparison.Ordinal), $"'{text}' not in: {lines[0]}");
    }

    /// <summary>Trains a one-epoch SimCLR run (batch 8, one thread) into <see cref="Dir"/>/run on a new
    /// <see cref="WriteHalfBrightFolder"/> "images" of <paramref name="perClass"/> images per class; returns both paths.</summary>
    protected async Task<(string Images, string Run)> TrainTinyRun(int perClass, ulong seed)
    {
        var images = WriteHalfBrightFolder("images", perClass, seed);
        var run = Path.Combine(Dir, "run");
        var train = await Run("train", "--data", images, "--epochs", "1", "--batch", "8", "--out", run, "--threads", "1");
        Assert.True(train.Code == 0, train.Err);
        return (images, run);
    }

    /// <summary>A labeled image folder <paramref name="name"/> in <see cref="Dir"/>: classes 'left' and 'right' of
    /// <paramref name="perClass"/> <see cref="HalfBrightPng"/> images each, drawn from <paramref name="seed"/>.</summary>
    protected string WriteHalfBrightFolder(string name, int perClass, ulong seed)
    {
        var root = Path.Combine(Dir, name);
        var rng = new Rng(seed);
        foreach (var (label, left) in new[] { ("left", true), ("right", false) })
        {
            Directory.CreateDirectory(Path.Combine(root, label));
            for (var i = 0; i < perClass; i++) File.WriteAllBytes(Path.Combine(root, label, $"{i:D3}.png"), HalfBrightPng(left, rng));
        }
        return root;
    }

    /// <summary>A 12x12 grey PNG, bright on the left or on the right half, with noise.</summary>
    protected static byte[] HalfBrightPng(bool left, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var pixels = new float[144];
        for (var p = 0; p < 144; p++) pixels[p] = Math.Clamp(((p % 12 < 6) == left ? 0.8f : 0.2f) + 0.1f * rng.NextGaussian(), 0f, 1f);
        return PngEncoder.Encode(pixels, 1, 12, 12);
    }
}
