using System.Diagnostics;
using System.Globalization;
using Contrastive.Training;

namespace Contrastive.Cli;

/// <summary>
/// Training progress on the console: on a terminal a status line refreshed during the epoch (loss, views/s, ETA);
/// always one line per finished epoch, so redirected output (CI, logs) stays readable.
/// </summary>
internal sealed class ConsoleProgress(TextWriter output) : ITrainingObserver
{
    private readonly bool _interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _firstStep = -1;
    private TimeSpan _lastDraw;

    public void OnStep(StepReport step)
    {
        if (_firstStep < 0) _firstStep = step.GlobalStep - 1;
        if (!_interactive || (_clock.Elapsed - _lastDraw).TotalMilliseconds < 250) return;
        _lastDraw = _clock.Elapsed;
        // ETA = time per step so far in this process x steps left.
        var done = step.GlobalStep - _firstStep;
        var eta = TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds / Math.Max(1, done) * (step.TotalSteps - step.GlobalStep));
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r  epoch {step.Epoch} step {step.StepInEpoch}/{step.StepsPerEpoch}  loss {step.Loss:F4}  lr {step.Lr:G3}  {step.ViewsPerSecond:F0} views/s  ETA {eta:hh\\:mm\\:ss}   "));
    }

    public void OnEpoch(EpochMetrics metrics)
    {
        if (_interactive) output.Write("\r" + new string(' ', 110) + "\r");
        var knn = metrics.KnnAccuracy is { } k ? string.Create(CultureInfo.InvariantCulture, $"  kNN {k:P2}") : "";
        var zeroShot = metrics.ZeroShotAccuracy is { } z ? string.Create(CultureInfo.InvariantCulture, $"  zero-shot {z:P2}") : "";
        // Runs without a per-epoch evaluator (text runs) have no health figures.
        var health = metrics.Health is null ? "" : string.Create(CultureInfo.InvariantCulture, $"  health {metrics.Health} (std {metrics.EmbeddingStd:F3}, rank {metrics.EffectiveRank:F1})");
        var communication = metrics.CommunicationWait is { } c ? string.Create(CultureInfo.InvariantCulture, $"  communication {c:P0}") : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {metrics.Epoch}: loss {metrics.Loss:F4}  lr {metrics.Lr:G3}  {metrics.ViewsPerS:F0} views/s  loader wait {metrics.LoaderWait:P0}{communication}{knn}{zeroShot}{health}  {metrics.Seconds:F0}s"));
    }

    public void OnWarning(string message) => output.WriteLine($"warning: {message}");
}
