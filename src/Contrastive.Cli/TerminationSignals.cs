using System.Runtime.InteropServices;

namespace Contrastive.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM during <c>train</c>: the first signal cancels <see cref="Token"/>, so that training stops
/// before its next step and keeps the checkpoint of its last completed epoch; a second signal ends the process at once.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration[] _registrations;
    private readonly TextWriter _error;
    private int _received;

    /// <summary>Starts handling the signals; <see cref="Token"/> is also cancelled with <paramref name="linked"/>.
    /// The notice of the first signal goes to <paramref name="error"/>.</summary>
    public TerminationSignals(TextWriter error, CancellationToken linked)
    {
        _error = error;
        _source = CancellationTokenSource.CreateLinkedTokenSource(linked);
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _source.Token;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // A second signal keeps the default action, which ends the process.
        if (Interlocked.Increment(ref _received) > 1) return;
        context.Cancel = true;
        _error.WriteLine("contrastive: stopping; interrupt again to stop at once");
        _source.Cancel();
    }
}
