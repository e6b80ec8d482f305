using System.Diagnostics;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Files;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Cli.Tests;

/// <summary>
/// The mixing of issue 24 (two `rootseg segment` runs with other thresholds into one folder, both exiting 0) as it
/// happens between processes: a live run holds the folder, a second run with other settings is refused with one line
/// naming it, a shard of the same settings writes beside it, and once the first is killed with SIGKILL its lock
/// blocks nothing.
/// </summary>
public sealed class SegmentLockTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Masks => _folder["masks"];

    private (string Model, string Photos) ModelAndPhotos()
    {
        var model = AnalyseInputs.Model(_folder, inputTile: 188);
        var photos = _folder.Folder("photos");
        using var photo = new Raster<byte>(9, 7, 3);
        new Random(2).NextBytes(photo.Data);
        ImageFile.Write(Path.Combine(photos, "p1.png"), photo);
        return (model, photos);
    }

    // The first run segments shard 1/2, whose only photo is a FIFO: it takes the folder's lock, then waits on the
    // photo until it is killed, so the test needs no timing.
    private static Process StartBlockedRun(string model, string photos, string masks)
    {
        var fifo = Path.Combine(photos, "p0.png");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        var start = new ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "rootseg.dll"), "segment", "--model", model, "--in", photos,
             "--out", masks, "--threshold", "0.3", "--shard", "1/2", "--threads", "1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        // Its lock, then its manifest, both written before it reads a photo.
        while (!Directory.Exists(masks) || Directory.GetFiles(masks, ".rootseg-run.*").Length == 0
               || !File.Exists(Path.Combine(masks, OutputManifest.FolderFileName)))
        {
            if (process.HasExited)
            {
                Assert.Fail($"the first run ended: {process.StandardError.ReadToEnd()}");
            }
            Assert.True(DateTime.UtcNow < deadline, "the first run took no lock or wrote no manifest in 120 s");
            Thread.Sleep(20);
        }
        return process;
    }

    [Fact]
    public void ASecondRunWithOtherSettingsIsRefusedShardsRunAndAKilledRunBlocksNothing()
    {
        var (model, photos) = ModelAndPhotos();
        using var first = StartBlockedRun(model, photos, Masks);
        try
        {
            var (code, _, error) = TestFolder.Rootseg("segment", "--model", model, "--in", photos, "--out", Masks,
                "--threshold", "0.9", "--shard", "2/2", "--threads", "1");
            Assert.Equal(ExitCodes.Failed, code);
            Assert.Single(error.Trim().Split('\n'));
            Assert.StartsWith($"rootseg segment: {Masks}: in use by another run (pid {first.Id} on {Environment.MachineName} since ",
                error, StringComparison.Ordinal);
            Assert.Contains("--threshold 0.3 --shard 1/2", error, StringComparison.Ordinal);
            Assert.Contains("with other settings than this one's; wait for it to end or choose another output", error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(Masks, "p1.png")));
            Assert.Equal("0.3", OutputManifest.Read(Path.Combine(Masks, OutputManifest.FolderFileName))!.Settings["threshold"]);

            // The other shard of the same run writes beside it.
            var shard = TestFolder.Rootseg("segment", "--model", model, "--in", photos, "--out", Masks,
                "--threshold", "0.3", "--shard", "2/2", "--threads", "1");
            Assert.True(shard.Code == 0, shard.Error);
            Assert.True(File.Exists(Path.Combine(Masks, "p1.png")));
        }
        finally
        {
            first.Kill();
            first.WaitForExit();
        }

        // SIGKILL left the first run's file (one: the command locks the folder once) behind, but not its lock.
        var left = Assert.Single(Directory.GetFiles(Masks, ".rootseg-run.*"));
        Assert.Contains($".rootseg-run.{Environment.MachineName}.{first.Id}.", left, StringComparison.Ordinal);
        File.Delete(Path.Combine(photos, "p0.png"));
        var next = TestFolder.Rootseg("segment", "--model", model, "--in", photos, "--out", Masks, "--threshold", "0.9",
            "--overwrite", "--threads", "1");
        Assert.True(next.Code == 0, next.Error);
        Assert.Equal("0.9", OutputManifest.Read(Path.Combine(Masks, OutputManifest.FolderFileName))!.Settings["threshold"]);
        Assert.Empty(Directory.GetFiles(Masks, ".rootseg-run.*"));
    }
}
