using System.Runtime.InteropServices;

namespace RootSeg.Cli;

/// <summary>
/// Turns the first SIGINT (Ctrl-C) or SIGTERM (what Slurm, systemd and kill send before they kill a job) into a
/// cancellation, so a long command can finish its step, save its state and exit with <see cref="ExitCode"/>; a second
/// signal ends the process at once, as the signal's default action does.
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly Action<PosixSignal>? _onFirst;
    private int _signal;

    /// <summary>Starts listening for SIGINT and SIGTERM.</summary>
    /// <param name="onFirst">Called (on a signal thread) when the first signal arrives, e.g. to print a line.</param>
    public InterruptSignals(Action<PosixSignal>? onFirst = null)
    {
        _onFirst = onFirst;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    /// <summary>Cancelled when the first signal arrives.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The first signal received, or null.</summary>
    public PosixSignal? Received { get; private set; }

    /// <summary>The exit status for the first signal: 143 for SIGTERM, 130 otherwise (SIGINT, or none).</summary>
    public int ExitCode => Received == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;

    private void Handle(PosixSignalContext context)
    {
        if (Interlocked.Exchange(ref _signal, 1) == 1)
        {
            return; // a second signal takes its default action: the process ends at once
        }
        context.Cancel = true;
        Received = context.Signal;
        _onFirst?.Invoke(context.Signal);
        _cancel.Cancel();
    }

    /// <summary>Stops listening; later signals take their default action.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _cancel.Dispose();
    }
}
