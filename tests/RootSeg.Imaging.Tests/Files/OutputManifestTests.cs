using RootSeg.Imaging.Files;

namespace RootSeg.Imaging.Tests.Files;

public sealed class OutputManifestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rootseg-manifest-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static OutputManifest Manifest(double threshold, string model = "abc") => new()
    {
        Command = "segment",
        Version = "1.0",
        ModelSha256 = model,
        Settings = OutputManifest.SettingsOf(("threshold", threshold), ("crop", null), ("tta", false)),
    };

    [Fact]
    public void RoundTripsAndListsEveryDifference()
    {
        var path = Path.Combine(_folder, OutputManifest.FolderFileName);
        var input = Path.Combine(_folder, "photo.jpg");
        File.WriteAllText(input, "12345");
        var manifest = Manifest(0.5) with { Inputs = OutputManifest.Describe([input, Path.Combine(_folder, "gone.jpg")]) };
        manifest.Claim(path, "out", overwrite: false, hasOutputs: false, shareable: false).Dispose();

        var read = OutputManifest.Read(path)!;
        Assert.Empty(read.Differences(manifest));
        Assert.Equal(5, Assert.Single(read.Inputs).Size);
        Assert.Equal("none", read.Settings["crop"]);
        Assert.Equal(["model sha256 abc -> def", "threshold 0.5 -> 0.75"], Manifest(0.75, "def").Differences(read));
        Assert.Equal(["made by 'segment', not 'measure'"], (Manifest(0.5) with { Command = "measure" }).Differences(read));
        Assert.Null(OutputManifest.Read(Path.Combine(_folder, "none.json")));
    }

    [Fact]
    public void ClaimRefusesOtherSettingsAndUnknownOutputsUnlessOverwrite()
    {
        var path = Path.Combine(_folder, OutputManifest.FolderFileName);
        Manifest(0.5).Claim(path, "OUT", overwrite: false, hasOutputs: false, shareable: false).Dispose();
        Manifest(0.5).Claim(path, "OUT", overwrite: false, hasOutputs: true, shareable: false).Dispose();

        var error = Assert.Throws<StaleOutputException>(() => Manifest(0.7).Claim(path, "OUT", overwrite: false, hasOutputs: true, shareable: false));
        Assert.StartsWith("OUT: holds outputs made differently (threshold 0.5 -> 0.7)", error.Message);
        Assert.Equal("0.5", OutputManifest.Read(path)!.Settings["threshold"]);

        Manifest(0.7).Claim(path, "OUT", overwrite: true, hasOutputs: true, shareable: false).Dispose();
        Assert.Equal("0.7", OutputManifest.Read(path)!.Settings["threshold"]);
        // Without outputs (an earlier run that failed before writing any) there is nothing to mix.
        Manifest(0.9).Claim(path, "OUT", overwrite: false, hasOutputs: false, shareable: false).Dispose();
        Assert.Equal("0.9", OutputManifest.Read(path)!.Settings["threshold"]);

        var bare = Path.Combine(_folder, "bare.manifest.json");
        Assert.Contains("unknown", Assert.Throws<StaleOutputException>(
            () => Manifest(0.5).Claim(bare, "CSV", overwrite: false, hasOutputs: true, shareable: false)).Message);
        File.WriteAllText(bare, "{ not json");
        Assert.StartsWith($"{bare}: not a readable output manifest", Assert.ThrowsAny<IOException>(() => OutputManifest.Read(bare)).Message);
        Assert.Equal(Path.Combine(_folder, "m.manifest.json"), OutputManifest.BesideFile(Path.Combine(_folder, "m.csv")));
    }
}
