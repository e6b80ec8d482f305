using System.Runtime.InteropServices;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Models;

namespace RootSeg.Cli.Tests;

/// <summary>
/// `rootseg train` with corrupt model and checkpoint files, and its signal handling: one line naming the file and
/// exit status 1 instead of a stack trace, and SIGTERM handled as Ctrl-C is.
/// </summary>
public sealed partial class TrainBadInputTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Dataset()
    {
        var data = _folder.Folder("data");
        var photos = _folder.Folder("data/photos");
        var annotations = _folder.Folder("data/annotations");
        for (var i = 0; i < 4; i++)
        {
            using var photo = new Raster<byte>(40, 40, 3);
            new Random(i).NextBytes(photo.Data);
            ImageFile.Write(Path.Combine(photos, $"p{i}.png"), photo);
            using var mask = new Raster<byte>(40, 40);
            for (var y = 0; y < 40; y++)
            {
                mask[10 + i, y] = 255;
            }
            ImageFile.Write(Path.Combine(annotations, $"p{i}.png"), mask);
        }
        Assert.Equal(0, TestFolder.Rootseg("split", "--data", data, "--test", "1", "--val", "1").Code);
        return data;
    }

    private byte[] ModelBytes()
    {
        var path = AnalyseInputs.Model(_folder, name: "source.safetensors", inputTile: 188);
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        File.Delete(ModelFile.DescriptionPath(path));
        return bytes;
    }

    public static TheoryData<string> BrokenModels => new() { "truncated.safetensors", "text.pkl", "empty.pt", "random.pth" };

    [Theory]
    [MemberData(nameof(BrokenModels))]
    public void InitWithABrokenModelFileGivesOneLineNamingIt(string name)
    {
        var data = Dataset();
        var model = _folder[name];
        var random = new byte[5000];
        new Random(7).NextBytes(random);
        File.WriteAllBytes(model, name switch
        {
            "truncated.safetensors" => ModelBytes()[..3000],
            "text.pkl" => "this is not a PyTorch file"u8.ToArray(),
            "empty.pt" => [],
            _ => random,
        });
        var run = _folder["run"];

        var (code, _, error) = TestFolder.Rootseg("train", "--data", data, "--out", run, "--init", model, "--width", "2",
            "--groups", "1", "--tile", "188", "--epochs", "1", "--threads", "1");

        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n'), l => l.StartsWith("rootseg train: ", StringComparison.Ordinal));
        Assert.StartsWith($"rootseg train: {model}: ", line);
        Assert.DoesNotContain("unexpected", line);
        Assert.False(File.Exists(Path.Combine(run, "checkpoint.safetensors")));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("text")]
    public void ResumeFromABrokenCheckpointGivesOneLineNamingIt(string kind)
    {
        var data = Dataset();
        var run = _folder.Folder("run");
        var checkpoint = Path.Combine(run, "checkpoint.safetensors");
        File.WriteAllBytes(checkpoint, kind == "truncated" ? ModelBytes()[..2000] : "{\"not\": \"a checkpoint\"}"u8.ToArray());

        var (code, _, error) = TestFolder.Rootseg("train", "--data", data, "--out", run, "--resume");

        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n'), l => l.StartsWith("rootseg train: ", StringComparison.Ordinal));
        Assert.StartsWith($"rootseg train: {checkpoint}: ", line);
        Assert.DoesNotContain("unexpected", line);
    }

    [Fact]
    public void SigtermIsHandledAsCtrlCAndGivesExitStatus143()
    {
        const int sigterm = 15;
        PosixSignal? seen = null;
        using (var signals = new InterruptSignals(s => seen = s))
        {
            Assert.Equal(0, Posix.Kill(Environment.ProcessId, sigterm));
            // The signal arrives on another thread; the process survives because the handler cancels it.
            Assert.True(signals.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "SIGTERM did not cancel");
            Assert.Equal(PosixSignal.SIGTERM, signals.Received);
            Assert.Equal(PosixSignal.SIGTERM, seen);
            Assert.Equal(ExitCodes.Terminated, signals.ExitCode);
        }
        using var none = new InterruptSignals();
        Assert.Equal(ExitCodes.Interrupted, none.ExitCode);
    }

    [Fact]
    public async Task SigtermDuringTrainingSavesTheCheckpointAndExits143()
    {
        var data = Dataset();
        var run = _folder["run"];
        // Absorbs a SIGTERM that might arrive after the command has let go of its own handler, so the test host lives.
        using var guard = new InterruptSignals();
        var killer = Task.Run(() =>
        {
            // The command listens before it creates the run folder, so the signal goes to its handler.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!Directory.Exists(run) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
            Posix.Kill(Environment.ProcessId, Posix.SigTerm);
        });

        var (code, _, error) = TestFolder.Rootseg("train", "--data", data, "--out", run, "--width", "2", "--groups", "1",
            "--tile", "188", "--epochs", "1000", "--batch", "1", "--threads", "1");
        await killer;

        Assert.Equal(ExitCodes.Terminated, code);
        Assert.Contains("rootseg train: terminated (SIGTERM); finishing the current step and saving the checkpoint", error);
        Assert.Contains("--resume", error);
        Assert.True(File.Exists(Path.Combine(run, "checkpoint.safetensors")));
        Assert.Empty(Directory.GetFiles(run, "*.tmp"));
    }
}
