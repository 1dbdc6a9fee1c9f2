namespace Contrastive.Training;

/// <summary>What a <see cref="Trainer"/> needs beyond the method and its data: the length of the run, the optimiser,
/// the warmup, whether a collapse stops the run, and what the run directory records beside the model.</summary>
/// <param name="Epochs">Epochs to train (a resumed run continues up to this count).</param>
/// <param name="Optimizer">The optimiser and its base learning rate.</param>
public sealed record TrainerOptions(int Epochs, OptimizerSettings Optimizer)
{
    /// <summary>Epochs of linear warmup before the cosine decay.</summary>
    public int WarmupEpochs { get; init; }

    /// <summary>Epochs per round, or null for one round of <see cref="Epochs"/>. Each later round starts as a fresh run from
    /// the encoder as it is, like a chain of runs each initialised from the last: the learning rate warms up and decays
    /// again over the round (SGDR's warm restarts, Loshchilov and Hutter 2017), the heads (everything of the model but
    /// <c>encoder.*</c>) return to their weights as built, and the optimiser's state is cleared. A method's state
    /// beyond the online model (target network, queue) carries on.</summary>
    public int? RoundEpochs { get; init; }

    /// <summary>Stop (with <see cref="TrainingDivergedException"/>) when the epoch's health check reports a collapse.</summary>
    public bool StopOnCollapse { get; init; }

    /// <summary>The encoder architecture's name, written with the method's name into <c>model.safetensors</c>' metadata.</summary>
    public string Architecture { get; init; } = "";

    /// <summary>Text files (name, content) that rank 0 writes atomically into the run directory when a run starts or
    /// resumes, such as the run's <c>config.json</c>, so that a run trained from code reads like one from the CLI.</summary>
    public IReadOnlyDictionary<string, string> FilesAtStart { get; init; } = new Dictionary<string, string>();
}
