using System.Diagnostics;
using RootSeg.Imaging.Files;

namespace RootSeg.Imaging.Tests.Files;

/// <summary>
/// One writer per output (<see cref="OutputLock"/>): a second run with other settings is refused with one line naming
/// the first, shards of the same settings write side by side, and a lock left by a killed process blocks nothing.
/// </summary>
public sealed class OutputLockTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rootseg-lock-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Output => Path.Combine(_root, "masks");

    private static OutputRun Segment(double threshold, bool shareable = true) =>
        OutputRun.OfThisProcess("segment", shareable, ("threshold", threshold), ("tile", "model"));

    private static OutputManifest Manifest(double threshold) => new()
    {
        Command = "segment",
        Version = "1.0",
        ModelSha256 = "abc",
        Settings = OutputManifest.SettingsOf(("threshold", threshold)),
    };

    private string[] RunFiles() => Directory.GetFiles(Output, ".rootseg-run.*");

    [Fact]
    public void ASecondRunWithOtherSettingsIsRefusedWithOneLineNamingTheFirst()
    {
        using var first = OutputLock.ForFolder(Output, Segment(0.3));
        var e = Assert.Throws<OutputInUseException>(() => OutputLock.ForFolder(Output, Segment(0.9)));

        var other = first.Run;
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith($"{Output}: in use by another run (pid {Environment.ProcessId} on {Environment.MachineName} since ", e.Message);
        Assert.Contains($"'{other.CommandLine}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("settings threshold 0.3, tile model) with other settings than this one's; wait for it to end", e.Message);
        Assert.Single(RunFiles());
    }

    [Fact]
    public void ShardsOfTheSameSettingsWriteSideBySide()
    {
        using var first = OutputLock.ForFolder(Output, Segment(0.5));
        using var second = OutputLock.ForFolder(Output, Segment(0.5));
        Assert.Equal(first.Run.Describe(), Assert.Single(second.Sharing).Describe());
        Assert.Equal(2, RunFiles().Length);
        // ...but not a run of another command with the same settings, nor one that admits no other writer.
        Assert.Throws<OutputInUseException>(() => OutputLock.ForFolder(Output, Segment(0.5) with { Command = "analyse" }));
        Assert.Throws<OutputInUseException>(() => OutputLock.ForFolder(Output, Segment(0.5, shareable: false)));
    }

    [Fact]
    public void ARunThatAdmitsNoOtherWriterRefusesEvenTheSameSettings()
    {
        using var train = OutputLock.ForFolder(Output, OutputRun.OfThisProcess("train", false, ("data", "/d")));
        var e = Assert.Throws<OutputInUseException>(() => OutputLock.ForFolder(Output, OutputRun.OfThisProcess("train", false, ("data", "/d"))));
        Assert.EndsWith("settings data /d); wait for it to end or choose another output", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLockIsReleasedWhenTheRunEnds()
    {
        var first = OutputLock.ForFolder(Output, Segment(0.3));
        Assert.True(File.Exists(first.FilePath));
        first.Dispose();
        Assert.False(File.Exists(first.FilePath));
        using (var second = OutputLock.ForFolder(Output, Segment(0.9)))
        {
            Assert.Empty(second.Sharing);
            Assert.Empty(second.StaleRemoved);
        }
        // A refused run leaves nothing either: the folder holds only what the runs wrote.
        using (OutputLock.ForFolder(Output, Segment(0.3)))
        {
            Assert.Throws<OutputInUseException>(() => OutputLock.ForFolder(Output, Segment(0.9)));
            Assert.Single(Directory.GetFiles(Output));
        }
        Assert.Empty(Directory.GetFiles(Output));
    }

    [Fact]
    public void ALiveRunInAnotherProcessBlocksAndItsLockDiesWithIt()
    {
        // Another process holds a run file as a RootSeg run does (a shared flock for its whole life), then is killed
        // with SIGKILL, which leaves the file behind but not its lock.
        Directory.CreateDirectory(Output);
        var path = Path.Combine(Output, ".rootseg-run.elsewhere.1.1");
        File.WriteAllText(path, (Segment(0.3) with { ProcessId = 1, Host = "elsewhere" }).ToJson());
        using var holder = Process.Start(new ProcessStartInfo("bash", ["-c", "exec 3<\"$0\"; flock -s 3; echo locked; exec sleep 60", path])
        {
            RedirectStandardOutput = true,
        })!;
        try
        {
            Assert.Equal("locked", holder.StandardOutput.ReadLine());
            var e = Assert.Throws<OutputInUseException>(() => OutputLock.ForFolder(Output, Segment(0.9)));
            Assert.Contains("(pid 1 on elsewhere since ", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            holder.Kill();
            holder.WaitForExit();
        }
        Assert.True(File.Exists(path));
        using var next = OutputLock.ForFolder(Output, Segment(0.9));
        Assert.Equal([path], next.StaleRemoved);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void EachOutputFileHasItsOwnLock()
    {
        Directory.CreateDirectory(Output);
        var csv = Path.Combine(Output, "traits.csv");
        var json = Path.Combine(Output, "report.json");
        using var measure = OutputLock.ForFile(csv, OutputRun.OfThisProcess("measure", false));
        using var evaluate = OutputLock.ForFile(json, OutputRun.OfThisProcess("evaluate", false));
        Assert.StartsWith($"{csv}: in use by another run",
            Assert.Throws<OutputInUseException>(() => OutputLock.ForFile(csv, OutputRun.OfThisProcess("measure", false))).Message);
        Assert.Equal(2, Directory.GetFiles(Output, ".*.rootseg-run.*").Length);
        // The folder's own lock is another one.
        using var folder = OutputLock.ForFolder(Output, Segment(0.5));
    }

    [Fact]
    public void AManifestIsClaimedUnderTheLockSoAConcurrentRunCannotRelabelIt()
    {
        // The mixing that issue 24 saw: a second run with another threshold, started while the first has written no
        // mask yet, replaced the first's manifest and took its masks as up to date.
        var manifest = Path.Combine(Output, OutputManifest.FolderFileName);
        Directory.CreateDirectory(Output);
        using var first = Manifest(0.3).Claim(manifest, Output, overwrite: false, hasOutputs: false, shareable: true);
        var e = Assert.Throws<OutputInUseException>(() => Manifest(0.9).Claim(manifest, Output, overwrite: false, hasOutputs: false, shareable: true));
        Assert.Contains("settings model sha256 abc, threshold 0.3)", e.Message, StringComparison.Ordinal);
        Assert.Equal("0.3", OutputManifest.Read(manifest)!.Settings["threshold"]);
        using var shard = Manifest(0.3).Claim(manifest, Output, overwrite: false, hasOutputs: false, shareable: true);
        Assert.Equal(first.Run.Settings, Assert.Single(shard.Sharing).Settings);
    }

    [Fact]
    public void ARunRecordReadsBackAsWritten()
    {
        var run = Segment(0.3);
        Assert.Equal(run.Describe(), OutputRun.FromJson(run.ToJson())!.Describe());
        Assert.True(run.CanShareWith(OutputRun.FromJson(run.ToJson())!));
        Assert.Null(OutputRun.FromJson("{ not json"));
        Assert.Null(OutputRun.FromJson("{}"));
    }
}
