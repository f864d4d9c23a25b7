using System.Runtime.InteropServices;

namespace Liif.Cli;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM as a stop request: the first one cancels <see cref="Token"/>, which the command watches
/// between chunks of work and while writing, so that it stops, deletes its temporary files and exits with
/// <see cref="ExitCode"/> (130 for SIGINT, 143 for SIGTERM, as a shell reports a process killed by them). A second
/// signal ends the process at once.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private PosixSignal? _received;

    /// <param name="whatNow">What the command does on the first signal, for the line it prints.</param>
    public StopSignal(string whatNow)
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => OnSignal(c, whatNow));
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => OnSignal(c, whatNow));
    }

    public CancellationToken Token => _stop.Token;

    public bool Stopped => _stop.IsCancellationRequested;

    public int ExitCode => _received == PosixSignal.SIGTERM ? 128 + 15 : 128 + 2;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context, string whatNow)
    {
        if (_stop.IsCancellationRequested)
        {
            return; // the second signal takes its default action: the process ends now
        }

        context.Cancel = true;
        _received = context.Signal;
        Console.Error.WriteLine($"{context.Signal}: {whatNow} (send it again to quit at once)");
        _stop.Cancel();
    }
}
