namespace Contrastive.IO;

/// <summary>
/// A run folder (<c>contrastive train --out DIR</c>): the full path of every file it may hold, named by
/// <see cref="RunFiles"/>, and the one check that it holds a trained run (<see cref="OfTrainedRun"/>). It reads and writes
/// nothing itself; each file's format stays with the type that owns it.
/// </summary>
/// <param name="Path">The folder; neither null nor empty.</param>
public sealed record RunDirectory(string Path)
{
    /// <summary>The folder, as given.</summary>
    /// <exception cref="ArgumentException">The path is null or empty.</exception>
    public string Path { get; } = NotEmpty(Path);

    /// <summary>The online model's weights (<see cref="RunFiles.Model"/>).</summary>
    public string Model => Combine(RunFiles.Model);

    /// <summary>The run's hyper-parameters (<see cref="RunFiles.Config"/>).</summary>
    public string Config => Combine(RunFiles.Config);

    /// <summary>One JSON object per finished epoch (<see cref="RunFiles.Metrics"/>).</summary>
    public string Metrics => Combine(RunFiles.Metrics);

    /// <summary>The state <c>--resume</c> continues from (<see cref="RunFiles.Checkpoint"/>).</summary>
    public string Checkpoint => Combine(RunFiles.Checkpoint);

    /// <summary>A CLIP or text run's vocabulary (<see cref="RunFiles.Tokenizer"/>).</summary>
    public string Tokenizer => Combine(RunFiles.Tokenizer);

    /// <summary>A table run's feature standardisation (<see cref="RunFiles.Standardization"/>).</summary>
    public string Standardization => Combine(RunFiles.Standardization);

    /// <summary>An audio run's feature settings (<see cref="RunFiles.Audio"/>).</summary>
    public string Audio => Combine(RunFiles.Audio);

    /// <summary>An audio run's MFCC-means baseline figures (<see cref="RunFiles.MfccBaseline"/>).</summary>
    public string MfccBaseline => Combine(RunFiles.MfccBaseline);

    /// <summary>The evaluation figures (<see cref="RunFiles.Evaluation"/>).</summary>
    public string Evaluation => Combine(RunFiles.Evaluation);

    /// <summary>The HTML report (<see cref="RunFiles.Report"/>).</summary>
    public string Report => Combine(RunFiles.Report);

    /// <summary>A text run's held-out evaluation (<see cref="RunFiles.TextEvaluation"/>).</summary>
    public string TextEvaluation => Combine(RunFiles.TextEvaluation);

    /// <summary>The gallery embeddings <c>serve</c> keeps (<see cref="RunFiles.GalleryIndex"/>).</summary>
    public string GalleryIndex => Combine(RunFiles.GalleryIndex);

    /// <summary><c>rl --out</c>: the state read-out figures (<see cref="RunFiles.RlEvaluation"/>).</summary>
    public string RlEvaluation => Combine(RunFiles.RlEvaluation);

    /// <summary><c>rl --out</c>: the loss of every step (<see cref="RunFiles.RlLoss"/>).</summary>
    public string RlLoss => Combine(RunFiles.RlLoss);

    /// <summary>The run in <paramref name="path"/>, checked to hold a trained model: its config.json and model.safetensors.</summary>
    /// <param name="path">The folder.</param>
    /// <param name="option">The command-line option that named the folder, which the message quotes.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The folder has no config.json or no model.safetensors.</exception>
    public static RunDirectory OfTrainedRun(string path, string option = "--model")
    {
        var run = new RunDirectory(path);
        if (!File.Exists(run.Config))
            throw new FileNotFoundException($"{option} {path}: no {RunFiles.Config} (is it a run directory written by 'contrastive train'?)", run.Config);
        if (!File.Exists(run.Model)) throw new FileNotFoundException($"{option} {path}: no {RunFiles.Model}", run.Model);
        return run;
    }

    private string Combine(string name) => System.IO.Path.Combine(Path, name);

    private static string NotEmpty(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return path;
    }
}
