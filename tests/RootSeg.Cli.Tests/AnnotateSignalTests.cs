using System.Diagnostics;
using RootSeg.Annotate.Server;
using RootSeg.Cli.Commands;
using RootSeg.Imaging.Files;
using RootSeg.Segmentation.Training;

namespace RootSeg.Cli.Tests;

/// <summary>
/// `rootseg annotate` as systemd, a container runtime or `kill` runs it: a process without a terminal that must stop
/// on SIGTERM (and SIGINT) within 10 s, the trainer's checkpoint and the annotations intact, with the documented
/// exit status; its project folder has one server at a time, and a killed one blocks nothing.
/// </summary>
public sealed class AnnotateSignalTests : IDisposable
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(10);

    private readonly TestFolder _folder = new();
    private readonly Dictionary<string, byte[]> _annotations = new(StringComparer.Ordinal);

    public void Dispose() => _folder.Dispose();

    private string Project => _folder["project"];

    private string Photos => Path.Combine(_folder["data"], "photos");

    // Three synthetic photos, the first traced for training and the second for validation, so the trainer starts at once.
    private void Prepare()
    {
        Assert.Equal(0, TestFolder.Run(new SynthCommand(), "--out", _folder["data"], "--count", "3", "--seed", "4",
            "--width", "200", "--height", "200").Code);
        var stems = Directory.GetFiles(Photos).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        foreach (var (stem, set) in new[] { (stems[0], "train"), (stems[1], "val") })
        {
            var target = Path.Combine(Project, "annotations", set, stem + ".png");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(_folder["data"], "annotations", stem + ".png"), target);
            _annotations[target] = File.ReadAllBytes(target);
        }
    }

    // rootseg annotate as a child process with its standard streams redirected: no terminal.
    private Process Start()
    {
        var start = new ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "rootseg.dll"), "annotate", "--project", Project, "--photos", Photos,
             "--network", "unet-gn", "--tile", "252", "--threads", "1"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        var line = "";
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!line.StartsWith("annotate: open http", StringComparison.Ordinal))
        {
            var task = process.StandardOutput.ReadLineAsync();
            Assert.True(task.Wait(deadline - DateTime.UtcNow), "annotate did not print its address in time");
            line = task.Result ?? throw new InvalidOperationException($"annotate ended: {process.StandardError.ReadToEnd()}");
        }
        return process;
    }

    private static void WaitFor(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(300);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            Thread.Sleep(100);
        }
    }

    private (TimeSpan Took, string Output) Stop(Process process, int signal)
    {
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, Posix.Kill(process.Id, signal));
        var exited = process.WaitForExit(StopLimit);
        var took = clock.Elapsed;
        if (!exited)
        {
            process.Kill();
        }
        Assert.True(exited, $"still running {StopLimit.TotalSeconds} s after signal {signal}");
        return (took, process.StandardOutput.ReadToEnd());
    }

    [Fact]
    public void SigtermWithoutATerminalStopsWithin10SecondsKeepingTheCheckpointAndTheAnnotations()
    {
        Prepare();
        using var process = Start();
        var run = new RunFiles(Path.Combine(Project, "models", "run"));
        try
        {
            // The first epoch's checkpoint, then a signal while the next epoch trains.
            WaitFor(() => File.Exists(run.Checkpoint), "the first checkpoint");

            // One server per project: a second is refused with one line that names the first.
            var (code, _, error) = TestFolder.Rootseg("annotate", "--project", Project, "--photos", Photos);
            Assert.Equal(ExitCodes.Failed, code);
            Assert.StartsWith($"rootseg annotate: {Project}: in use by another run (pid {process.Id} on ", error, StringComparison.Ordinal);
            Assert.Single(error.Trim().Split('\n'));

            var (took, output) = Stop(process, Posix.SigTerm);
            Assert.Equal(ExitCodes.Terminated, process.ExitCode);
            Assert.Contains("annotate: terminated (SIGTERM); stopping", output, StringComparison.Ordinal);
            Assert.True(took < StopLimit, $"took {took}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        var state = Checkpoint.ReadState(run);
        Assert.True(state.CompletedEpochs >= 1, $"{state.CompletedEpochs} epochs in the checkpoint");
        Assert.Empty(Directory.GetFiles(run.Directory, "*.tmp*"));
        foreach (var (path, bytes) in _annotations)
        {
            Assert.Equal(bytes, File.ReadAllBytes(path));
        }
        Assert.Empty(Directory.GetFiles(Project, ".rootseg-run.*"));
    }

    [Fact]
    public async Task SigintWithoutATerminalStopsAndAKilledServerLeavesNoLockBehind()
    {
        Prepare();
        using (var process = Start())
        {
            var (took, output) = Stop(process, Posix.SigInt);
            Assert.Equal(ExitCodes.Interrupted, process.ExitCode);
            Assert.Contains("annotate: interrupted; stopping", output, StringComparison.Ordinal);
            Assert.True(took < StopLimit, $"took {took}");
        }

        using (var process = Start())
        {
            process.Kill();
            process.WaitForExit();
            Assert.Single(Directory.GetFiles(Project, ".rootseg-run.*"));
        }
        // SIGKILL leaves the lock file but the kernel took its lock away: the next server starts.
        await using var server = await AnnotateServer.StartAsync(new AnnotateServerOptions
        {
            ProjectDirectory = Project, PhotoDirectory = Photos, StartTrainer = false,
        });
        Assert.Single(Directory.GetFiles(Project, ".rootseg-run.*"));
        Assert.Throws<OutputInUseException>(() => OutputLock.ForFolder(Project, OutputRun.OfThisProcess("annotate", false)));
    }
}
