using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RootSeg.Annotate.Projects;
using RootSeg.Annotate.Training;
using RootSeg.Imaging.Files;

namespace RootSeg.Annotate.Server;

/// <summary>
/// <c>rootseg annotate</c>'s server: Kestrel on 127.0.0.1 with a random token, the single annotation page, its API and
/// the background trainer, over a RootPainter-compatible project folder (Smith et al. 2022, "RootPainter: deep learning
/// segmentation of biological images with corrective annotation", New Phytologist 236:774-791,
/// doi:10.1111/nph.18387).
/// </summary>
public sealed class AnnotateServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly OutputLock _projectLock;

    private AnnotateServer(WebApplication app, OutputLock projectLock, AnnotationProject project, BackgroundTrainer? trainer,
        string token, Uri address)
    {
        (_app, _projectLock, Project, Trainer, Token, Address) = (app, projectLock, project, trainer, token, address);
    }

    /// <summary>How long requests under way may take to finish when the server stops.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The project served.</summary>
    public AnnotationProject Project { get; }

    /// <summary>The background trainer; null when it was not started.</summary>
    public BackgroundTrainer? Trainer { get; }

    /// <summary>The secret every request carries.</summary>
    public string Token { get; }

    /// <summary>The server's base address, e.g. http://127.0.0.1:5117/.</summary>
    public Uri Address { get; }

    /// <summary>The page's address with the token, to open in a browser.</summary>
    public string PageUrl => $"{Address}?token={Token}";

    /// <summary>Takes the project folder's lock (one server per project), opens the project, starts the trainer and the server.</summary>
    /// <param name="options">Project, port, token and training settings.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop.</returns>
    /// <exception cref="InvalidDataException">The project or photo folder cannot be used.</exception>
    /// <exception cref="IOException">The port is taken.</exception>
    /// <exception cref="OutputInUseException">Another live process serves or trains the project.</exception>
    public static async Task<AnnotateServer> StartAsync(AnnotateServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        var projectLock = OutputLock.ForFolder(options.ProjectDirectory, OutputRun.OfThisProcess("annotate", false,
            ("photos", options.PhotoDirectory is null ? null : Path.GetFullPath(options.PhotoDirectory))));
        try
        {
            return await Start(options, projectLock, cancellationToken);
        }
        catch
        {
            projectLock.Dispose();
            throw;
        }
    }

    private static async Task<AnnotateServer> Start(AnnotateServerOptions options, OutputLock projectLock, CancellationToken cancellationToken)
    {
        var project = AnnotationProject.Open(options.ProjectDirectory, options.PhotoDirectory);
        var token = options.Token ?? TokenGate.NewToken();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        // Requests under way (an annotation upload) get this long to finish when the server stops.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.Limits.MaxRequestBodySize = ApiEndpoints.MaxUploadBytes;
        });
        var app = builder.Build();
        BackgroundTrainer? trainer = options.StartTrainer ? new BackgroundTrainer(project, options.Training) : null;
        app.Use(TokenGate.Create(token));
        ApiEndpoints.Map(app, project, trainer);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            trainer?.Dispose();
            await app.DisposeAsync();
            throw;
        }
        trainer?.Start();
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        return new AnnotateServer(app, projectLock, project, trainer, token, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    /// <summary>Stops the server and the trainer (the trainer checkpoints first), then releases the project.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Trainer?.Dispose();
        _projectLock.Dispose();
    }
}
