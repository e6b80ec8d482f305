using RootSeg.Analysis.Csv;
using RootSeg.Cli.Commands;

namespace RootSeg.Cli.Tests;

public sealed class AnalyseCommandTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string SaveModel(ulong seed = 5, string name = "model.safetensors") => AnalyseInputs.Model(_folder, seed, name);

    private string Synth(int count) => AnalyseInputs.Synth(_folder, count);

    private static string Annotation(string dataset, string photo) =>
        Path.Combine(dataset, "annotations", Path.GetFileNameWithoutExtension(photo) + ".png");

    private static string[] ErrorLines(string error) => AnalyseInputs.ErrorLines(error, "analyse");

    [Fact]
    public void FolderWithOneBadPhotoGivesARowPerGoodPhotoAnErrorLineDepthProfileAndRhizoVisionTableAndARerunDoesNothing()
    {
        var model = SaveModel();
        var photos = Path.Combine(Synth(3), "photos");
        var stems = Directory.GetFiles(photos, "*.jpg").Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal).ToArray();
        File.WriteAllText(Path.Combine(photos, "broken.jpg"), "not a photo");
        var output = _folder["analysis"];
        string[] args = ["--model", model, "--in", photos, "--out", output, "--px-per-mm", "10", "--panel-top-mm", "100",
            "--band-mm", "2", "--threads", "1"];

        var (code, stdout, error) = TestFolder.Run(new AnalyseCommand(), args);

        Assert.Equal(1, code);
        var errorLine = Assert.Single(ErrorLines(error));
        Assert.Contains("broken.jpg: ", errorLine);
        Assert.Equal(3, stems.Length);
        var traits = CsvTable.Read(Path.Combine(output, "traits.csv"));
        Assert.Equal(stems, traits.Column("image"));
        Assert.All(traits.NumericColumn("length_mm"), v => Assert.True(v >= 0));
        var rve = CsvTable.Read(Path.Combine(output, "rhizovision_features.csv"));
        Assert.Equal(stems.Select(s => s + ".jpg"), rve.Column("File Name"));
        Assert.Equal(traits.NumericColumn("length_mm"), rve.NumericColumn("Total Root Length (mm)"));
        // 64 rows at 10 px/mm from 100 mm: 6.4 mm of panel in 2 mm bands 50 to 53, each panel its own profile.
        var profile = CsvTable.Read(Path.Combine(output, "depth_profile.csv"));
        Assert.Equal(3 * 4, profile.RowCount);
        Assert.Equal([100.0, 102, 104, 106], profile.NumericColumn("band_top_mm").Take(4));
        for (var i = 0; i < stems.Length; i++)
        {
            var rows = Enumerable.Range(0, profile.RowCount).Where(r => profile.Field(r, "site") == stems[i]).ToArray();
            Assert.Equal(traits.NumericColumn("length_mm")[i], rows.Sum(r => double.Parse(profile.Field(r, "length_mm"),
                System.Globalization.CultureInfo.InvariantCulture)), 1e-9);
        }
        Assert.Equal(3, CsvTable.Read(Path.Combine(output, "rooting_depth.csv")).RowCount);
        Assert.True(File.Exists(Path.Combine(output, "depth_profile.svg")));
        Assert.Contains("segmented 3, measured 3 of 4 photos, failed 1", stdout);

        var before = Directory.GetFiles(output, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var (again, againOut, againError) = TestFolder.Run(new AnalyseCommand(), args);

        Assert.Equal(1, again);
        Assert.Contains("broken.jpg: ", Assert.Single(ErrorLines(againError)));
        Assert.Contains("up to date: 3 of 4 photos", againOut);
        Assert.Equal(before, Directory.GetFiles(output, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc));
    }

    [Fact]
    public void ExistingMasksOfTubeFramesGiveProfilesPerTubeAndWithoutScaleOnlyPixelColumns()
    {
        var dataset = Synth(3);
        var photos = _folder.Folder("frames");
        var masks = _folder.Folder("masks");
        var sources = Directory.GetFiles(Path.Combine(dataset, "photos")).Order(StringComparer.Ordinal).ToArray();
        for (var i = 0; i < sources.Length; i++)
        {
            var name = $"T001_L{i + 1:000}_2020.06.01_120000_001";
            File.Copy(sources[i], Path.Combine(photos, name + ".jpg"));
            File.Copy(Annotation(dataset, sources[i]), Path.Combine(masks, name + ".png"));
        }
        File.Copy(sources[0], Path.Combine(photos, "unnamed.jpg"));
        File.Copy(Annotation(dataset, sources[0]), Path.Combine(masks, "unnamed.png"));

        var (code, _, error) = TestFolder.Run(new AnalyseCommand(), "--masks", masks, "--in", photos, "--out", _folder["tubes"],
            "--px-per-mm", "10", "--tubes", "names", "--window-height-mm", "10", "--tube-angle", "0", "--band-mm", "10");

        Assert.Equal(1, code);
        Assert.Contains("unnamed.jpg: unnamed.jpg: the file name gives no tube", Assert.Single(ErrorLines(error)));
        // Windows 1-3 at 10, 20, 30 mm: bands 1, 2, 3 of one profile (tube T001, 2020.06.01, session 001).
        var profile = CsvTable.Read(_folder["tubes/depth_profile.csv"]);
        Assert.Equal([10.0, 20, 30], profile.NumericColumn("band_top_mm"));
        Assert.Equal(["T001"], profile.Column("site").Distinct());
        Assert.Equal(["2020.06.01"], profile.Column("date").Distinct());
        var summary = CsvTable.Read(_folder["tubes/rooting_depth.csv"]);
        Assert.Equal(1, summary.RowCount);
        var d50 = summary.NumericColumn("d50_mm")[0];
        Assert.InRange(d50, 10, 40);

        var (pixels, stdout, _) = TestFolder.Run(new AnalyseCommand(), "--masks", masks, "--in", photos, "--out", _folder["px"]);
        Assert.Equal(0, pixels);
        Assert.Contains("pixel columns only", stdout);
        var traits = CsvTable.Read(_folder["px/traits.csv"]);
        Assert.Equal(4, traits.RowCount);
        Assert.DoesNotContain(traits.Columns, c => c.Contains("mm", StringComparison.Ordinal));
        Assert.Contains("Total Root Length (px)", CsvTable.Read(_folder["px/rhizovision_features.csv"]).Columns);
        Assert.False(File.Exists(_folder["px/depth_profile.csv"]));
    }

    [Fact]
    public void AnotherModelSegmentsAgainInsteadOfReusingTheMasks()
    {
        var photos = Path.Combine(Synth(2), "photos");
        string[] Args(string model) => ["--model", model, "--in", photos, "--out", _folder["out"], "--threads", "1"];
        var first = SaveModel(5, "first.safetensors");
        var second = SaveModel(6, "second.safetensors");

        Assert.Contains("segmented 2, measured 2", TestFolder.Run(new AnalyseCommand(), Args(first)).Out);
        Assert.Contains("segmented 2, measured 2", TestFolder.Run(new AnalyseCommand(), Args(second)).Out);
        Assert.Contains("up to date: 2 of 2 photos", TestFolder.Run(new AnalyseCommand(), Args(second)).Out);
    }

    [Fact]
    public void ConflictingOptionsAreUsageErrors()
    {
        Assert.Throws<UsageException>(() => TestFolder.Run(new AnalyseCommand(), "--in", "x", "--out", "y"));
        Assert.Throws<UsageException>(() => TestFolder.Run(new AnalyseCommand(), "--masks", "m", "--in", "x", "--out", "y",
            "--panel-top-mm", "0"));
        Assert.Throws<UsageException>(() => TestFolder.Run(new AnalyseCommand(), "--masks", "m", "--in", "x", "--out", "y",
            "--px-per-mm", "2", "--dpi", "300"));
    }
}
