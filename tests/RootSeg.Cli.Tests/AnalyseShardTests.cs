using System.Globalization;
using RootSeg.Cli.Commands;
using RootSeg.Imaging.Files;

namespace RootSeg.Cli.Tests;

/// <summary>`rootseg analyse --shard K/N` and `rootseg merge`: the shards' parts give the files of one run.</summary>
public sealed class AnalyseShardTests : IDisposable
{
    // Every file analyse writes, beside the masks and the RhizoVision table (whose computation time is each run's own).
    private static readonly string[] SameFiles =
        ["traits.csv", "traits.settings.json", "depth_profile.csv", "rooting_depth.csv", "depth_profile.svg", "depth_rld.svg"];

    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static (int Code, string Out, string Error) Analyse(params string[] args) => TestFolder.Run(new AnalyseCommand(), args);

    private static (int Code, string Out, string Error) Merge(string output) => TestFolder.Run(new MergeCommand(), "--out", output);

    private static string[] Shard(string[] args, int index, int count) =>
        [.. args, "--shard", string.Create(CultureInfo.InvariantCulture, $"{index}/{count}")];

    // The RhizoVision table without its "Computation Time (s)" column (the 14th; no field here holds a comma).
    private static string[] RhizoVisionWithoutTime(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "rhizovision_features.csv"))
            .Select(line => string.Join(',', line.Split(',').Where((_, i) => i != 13))).ToArray();

    private static void AssertSameTables(string expected, string actual)
    {
        foreach (var file in SameFiles)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))),
                $"{file} differs between one run and the merged shards");
        }
        Assert.Equal(RhizoVisionWithoutTime(expected), RhizoVisionWithoutTime(actual));
    }

    [Fact]
    public void ThreeShardsOfAModelRunMergeIntoTheBytesOfOneRunAndRerunsDoNothing()
    {
        var model = AnalyseInputs.Model(_folder);
        var photos = Path.Combine(AnalyseInputs.Synth(_folder, 8), "photos");
        File.WriteAllText(Path.Combine(photos, "broken.jpg"), "not a photo");
        string[] Args(string output) => ["--model", model, "--in", photos, "--out", output, "--px-per-mm", "10", "--panel-top-mm", "100",
            "--band-mm", "2", "--threads", "1"];
        var single = _folder["single"];
        var sharded = _folder["sharded"];
        Assert.Equal(1, Analyse(Args(single)).Code);

        var shardLines = new List<string>();
        for (var k = 1; k <= 3; k++)
        {
            var (code, stdout, error) = Analyse(Shard(Args(sharded), k, 3));
            Assert.Equal(k == 1 ? 1 : 0, code); // broken.jpg is photo 1 of the sorted list, so shard 1's
            shardLines.AddRange(AnalyseInputs.ErrorLines(error, "analyse"));
            Assert.Contains($"shard {k}/3: segmented {(k == 1 ? 2 : 3)}", stdout);
            Assert.False(File.Exists(Path.Combine(sharded, "traits.csv")));
        }
        Assert.Contains("broken.jpg: ", Assert.Single(shardLines));
        var (merged, mergeOut, mergeError) = Merge(sharded);

        Assert.Equal(1, merged);
        Assert.Contains("broken.jpg: ", Assert.Single(AnalyseInputs.ErrorLines(mergeError, "merge")));
        Assert.Contains("merged 8 of 9 photos, failed 1", mergeOut);
        AssertSameTables(single, sharded);
        Assert.Contains("up to date: 8 of 9 photos merged earlier", Merge(sharded).Out);
        Assert.Contains("shard 2/3: up to date", Analyse(Shard(Args(sharded), 2, 3)).Out);
        // The merge leaves the folder as one run would: analyse without a shard has nothing to do.
        Assert.Contains("up to date: 8 of 9 photos analysed earlier", Analyse(Args(sharded)).Out);
    }

    [Fact]
    public void ShardsOfTubeFramesWithAnEmptyMaskMergeIntoTheBytesOfOneRun()
    {
        var dataset = AnalyseInputs.Synth(_folder, 5);
        var photos = _folder.Folder("frames");
        var masks = _folder.Folder("masks");
        var sources = Directory.GetFiles(Path.Combine(dataset, "photos")).Order(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < sources.Length; i++)
        {
            var name = $"T00{1 + i % 2}_L{i + 1:000}_2020.06.01_120000_001";
            File.Copy(sources[i], Path.Combine(photos, name + ".jpg"));
            File.Copy(Path.Combine(dataset, "annotations", Path.GetFileNameWithoutExtension(sources[i]) + ".png"), Path.Combine(masks, name + ".png"));
        }
        // No roots at all: NaN diameters, which the parts must carry through.
        File.Copy(sources[0], Path.Combine(photos, "T003_L001_2020.06.01_120000_001.jpg"));
        File.Copy(Path.Combine(dataset, "annotations", Path.GetFileNameWithoutExtension(sources[0]) + ".png"), Path.Combine(masks, "T003_L001_2020.06.01_120000_001.png"));
        using (var empty = new RootSeg.Imaging.Rasters.Raster<byte>(64, 64))
        {
            RootSeg.Imaging.Codecs.ImageFile.Write(Path.Combine(masks, "T003_L001_2020.06.01_120000_001.png"), empty);
        }
        string[] Args(string output) => ["--masks", masks, "--in", photos, "--out", output, "--px-per-mm", "10", "--tubes", "names",
            "--window-height-mm", "10", "--tube-angle", "30", "--band-mm", "10"];

        Assert.Equal(0, Analyse(Args(_folder["single"])).Code);
        Assert.Equal(0, Analyse(Shard(Args(_folder["sharded"]), 2, 2)).Code);
        Assert.Equal(0, Analyse(Shard(Args(_folder["sharded"]), 1, 2)).Code);
        Assert.Equal(0, Merge(_folder["sharded"]).Code);

        AssertSameTables(_folder["single"], _folder["sharded"]);
        Assert.Contains("NaN", File.ReadAllText(_folder["sharded/traits.csv"]));
    }

    [Fact]
    public void AMissingShardIsNamedInOneLineAndNothingIsMerged()
    {
        var dataset = AnalyseInputs.Synth(_folder, 6);
        string[] args = ["--masks", Path.Combine(dataset, "annotations"), "--in", Path.Combine(dataset, "photos"), "--out", _folder["out"]];
        Analyse(Shard(args, 1, 4));
        Analyse(Shard(args, 3, 4));

        var (code, _, error) = TestFolder.Rootseg("merge", "--out", _folder["out"]);

        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("2 of 4 shards have no part, so nothing was merged: shard 2/4, 4/4", line);
        // Nothing but the parts (and the hidden lock files every run keeps beside its outputs).
        Assert.Equal(["parts"], Directory.GetFileSystemEntries(_folder["out"]).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')));
    }

    [Fact]
    public void MergeIsRefusedWhileAShardStillWrites()
    {
        var dataset = AnalyseInputs.Synth(_folder, 4);
        string[] args = ["--masks", Path.Combine(dataset, "annotations"), "--in", Path.Combine(dataset, "photos"), "--out", _folder["out"]];
        Assert.Equal(0, Analyse(Shard(args, 1, 2)).Code);
        Assert.Equal(0, Analyse(Shard(args, 2, 2)).Code);
        using (OutputLock.ForFolder(_folder["out"], OutputRun.OfThisProcess("analyse", true, ("settings", "a shard still at work"))))
        {
            var (code, _, error) = TestFolder.Rootseg("merge", "--out", _folder["out"]);
            Assert.Equal(1, code);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"rootseg merge: {_folder["out"]}: in use by another run (pid {Environment.ProcessId} ", line, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(_folder["out"], "traits.csv")));
        }
        Assert.Equal(0, Merge(_folder["out"]).Code);
        Assert.True(File.Exists(Path.Combine(_folder["out"], "traits.csv")));
    }

    [Fact]
    public void PartsOfOtherSettingsOrAnotherShardCountAreRefused()
    {
        var dataset = AnalyseInputs.Synth(_folder, 4);
        string[] Args(string scale) => ["--masks", Path.Combine(dataset, "annotations"), "--in", Path.Combine(dataset, "photos"),
            "--out", _folder["out"], "--px-per-mm", scale];
        Analyse(Shard(Args("10"), 1, 2));
        Analyse(Shard(Args("12"), 2, 2));

        var (code, _, error) = TestFolder.Rootseg("merge", "--out", _folder["out"]);

        Assert.Equal(1, code);
        Assert.Contains("shard 2/2 was run with other settings than shard 1/2 ('pixels_per_mm: 12' against 'pixels_per_mm: 10')", error);
        Assert.False(File.Exists(_folder["out/traits.csv"]));

        Analyse(Shard(Args("10"), 1, 3));
        Assert.Contains("holds parts of 2 and 3 shards", TestFolder.Rootseg("merge", "--out", _folder["out"]).Error);
    }

    [Fact]
    public void AShardRunAgainSegmentsOnlyItsMissingPhotos()
    {
        var model = AnalyseInputs.Model(_folder);
        var photos = Path.Combine(AnalyseInputs.Synth(_folder, 6), "photos");
        string[] args = ["--model", model, "--in", photos, "--out", _folder["out"], "--threads", "1", "--shard", "2/2"];
        Assert.Contains("shard 2/2: segmented 3, measured 3 of 3 photos", Analyse(args).Out);
        // Shard 2/2 holds photos 2, 4 and 6 of the sorted list; as if the task had been killed before photo 6's mask.
        File.Delete(_folder["out/masks/synth_0005.png"]);

        Assert.Contains("shard 2/2: segmented 1, measured 3 of 3 photos", Analyse(args).Out);
        Assert.Contains("shard 2/2: up to date", Analyse(args).Out);
    }

    [Fact]
    public void ABrokenPartIsNamedByTheMergeAndReplacedByItsShard()
    {
        var dataset = AnalyseInputs.Synth(_folder, 4);
        string[] args = ["--masks", Path.Combine(dataset, "annotations"), "--in", Path.Combine(dataset, "photos"), "--out", _folder["out"]];
        Analyse(Shard(args, 2, 2));
        Directory.CreateDirectory(_folder["out/parts"]);
        File.WriteAllText(_folder["out/parts/analyse-1-of-2.json"], "{\"schema\": \"rootseg.analyse-part/1\", \"shard\"");

        var (code, _, error) = TestFolder.Rootseg("merge", "--out", _folder["out"]);

        Assert.Equal(1, code);
        Assert.Contains("analyse-1-of-2.json: not a readable analysis part", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains("shard 1/2: segmented 0, measured 2 of 2 photos", Analyse(Shard(args, 1, 2)).Out);
        Assert.Equal(0, Merge(_folder["out"]).Code);
    }

    [Fact]
    public void MergeOfAFolderWithoutPartsSaysSo()
    {
        var (code, _, error) = TestFolder.Rootseg("merge", "--out", _folder.Folder("empty"));

        Assert.Equal(1, code);
        Assert.Contains("no parts to merge", error);
        Assert.Throws<UsageException>(() => Analyse("--masks", "m", "--in", "x", "--out", "y", "--shard", "3/2"));
    }
}
