namespace Contrastive.Training;

/// <summary>Receives progress; the CLI renders it, tests record it.</summary>
public interface ITrainingObserver
{
    /// <summary>After each optimiser step.</summary>
    void OnStep(StepReport step);

    /// <summary>After each epoch's metrics are written.</summary>
    void OnEpoch(EpochMetrics metrics);

    /// <summary>A warning worth showing (collapse alarm).</summary>
    void OnWarning(string message);
}
