using Microsoft.Extensions.Hosting;

namespace RootSeg.Annotate.Server;

/// <summary>
/// The server's host lifetime: it starts and stops when <see cref="AnnotateServer"/> says so and listens for no
/// process signal. ASP.NET Core's default (ConsoleLifetime) takes SIGINT and SIGTERM for itself and only stops the
/// web host, leaving the caller waiting and the trainer running; the program that runs the server (rootseg
/// annotate) handles the signals and disposes the server, which stops the trainer with a checkpoint.
/// </summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
