using Contrastive.IO;
using Contrastive.Testing;

namespace Contrastive.Core.Tests.IO;

public sealed class RunDirectoryTests : IDisposable
{
    private readonly TempDirectory _dir = new("contrastive-rundir");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Every_path_is_its_file_name_in_the_folder()
    {
        var run = new RunDirectory(_dir.Path);
        (string Path, string Name)[] files =
        [
            (run.Model, RunFiles.Model), (run.Config, RunFiles.Config), (run.Metrics, RunFiles.Metrics),
            (run.Checkpoint, RunFiles.Checkpoint), (run.Tokenizer, RunFiles.Tokenizer), (run.Standardization, RunFiles.Standardization),
            (run.Audio, RunFiles.Audio), (run.MfccBaseline, RunFiles.MfccBaseline), (run.Evaluation, RunFiles.Evaluation),
            (run.Report, RunFiles.Report), (run.TextEvaluation, RunFiles.TextEvaluation), (run.GalleryIndex, RunFiles.GalleryIndex),
            (run.RlEvaluation, RunFiles.RlEvaluation), (run.RlLoss, RunFiles.RlLoss),
        ];
        Assert.All(files, f => Assert.Equal(_dir.File(f.Name), f.Path));
        Assert.Equal(files.Length, files.Select(f => f.Path).Distinct().Count());
    }

    [Fact]
    public void A_null_or_empty_path_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => new RunDirectory(null!));
        Assert.Throws<ArgumentException>(() => new RunDirectory(""));
        Assert.Throws<ArgumentException>(() => RunDirectory.OfTrainedRun(""));
    }

    [Fact]
    public void A_trained_run_needs_its_config_first()
    {
        _dir.Write(RunFiles.Model, "weights");
        var error = Assert.Throws<FileNotFoundException>(() => RunDirectory.OfTrainedRun(_dir.Path));
        Assert.Equal($"--model {_dir.Path}: no config.json (is it a run directory written by 'contrastive train'?)", error.Message);
        Assert.Equal(_dir.File(RunFiles.Config), error.FileName);
    }

    [Fact]
    public void A_trained_run_needs_its_model_and_the_message_names_the_option()
    {
        _dir.Write(RunFiles.Config, "{}");
        var error = Assert.Throws<FileNotFoundException>(() => RunDirectory.OfTrainedRun(_dir.Path, "--init"));
        Assert.Equal($"--init {_dir.Path}: no model.safetensors", error.Message);
        Assert.Equal(_dir.File(RunFiles.Model), error.FileName);
    }

    [Fact]
    public void A_folder_with_config_and_model_is_a_trained_run()
    {
        _dir.Write(RunFiles.Config, "{}");
        _dir.Write(RunFiles.Model, "weights");
        Assert.Equal(new RunDirectory(_dir.Path), RunDirectory.OfTrainedRun(_dir.Path));
    }
}
