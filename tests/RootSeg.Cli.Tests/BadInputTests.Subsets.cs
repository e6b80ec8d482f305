using RootSeg.Analysis.Csv;
using RootSeg.Segmentation.Data;

namespace RootSeg.Cli.Tests;

/// <summary>
/// Working on one part of a split where the files lie (<c>--split FILE --subset S</c> on segment, evaluate and
/// measure; <c>split --split FILE</c> for a dataset that must stay untouched), scales that are never guessed, synth that keeps
/// to empty folders, and correlate joining synth's truth.csv.
/// </summary>
public sealed partial class BadInputTests
{
    // Six photo/annotation pairs p0..p5 whose annotation p{i} has i + 1 root columns; the split is written outside.
    private (string Data, string Split, DatasetSplit Loaded) SplitDataset()
    {
        var data = _folder.Folder("data");
        var photos = _folder.Folder("data/photos");
        var annotations = _folder.Folder("data/annotations");
        for (var i = 0; i < 6; i++)
        {
            Photo(Path.Combine(photos, $"p{i}.png"), i);
            Mask(Path.Combine(annotations, $"p{i}.png"), 9, 7, (x, _) => x <= i);
        }
        var split = _folder["elsewhere/split.json"];
        Directory.CreateDirectory(Path.GetDirectoryName(split)!);
        var (code, output, error) = TestFolder.Rootseg("split", "--data", data, "--test", "2", "--val", "1", "--split", split);
        Assert.True(code == 0, error);
        Assert.Contains(split, output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, DatasetSplit.FileName)), "split --split FILE wrote into the dataset");
        return (data, split, DatasetSplit.Load(split));
    }

    [Fact]
    public void SegmentEvaluateAndMeasureTakeOnlyTheSubsetsFiles()
    {
        var (data, split, loaded) = SplitDataset();
        var test = loaded.Test.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, test.Count);
        var masks = _folder["masks"];

        var segmented = TestFolder.Rootseg("segment", "--model", Model(), "--in", Path.Combine(data, "photos"), "--out", masks,
            "--split", split, "--subset", "test", "--threads", "1");
        Assert.True(segmented.Code == 0, segmented.Error);
        Assert.Equal(test, Directory.GetFiles(masks, "*.png").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));

        // The annotations folder holds all six; only the test ones are measured and scored.
        var csv = _folder["m.csv"];
        Assert.Equal(0, TestFolder.Rootseg("measure", "--in", Path.Combine(data, "annotations"), "--csv", csv, "--split", split,
            "--subset", "test").Code);
        Assert.Equal(test, CsvTable.Read(csv).Column("image"));
        Assert.Equal(test.Select(s => (int.Parse(s[1..], System.Globalization.CultureInfo.InvariantCulture) + 1) * 7.0),
            CsvTable.Read(csv).NumericColumn("area_px"));

        var perImage = _folder["per-image.csv"];
        var evaluated = TestFolder.Rootseg("evaluate", "--truth", Path.Combine(data, "annotations"), "--pred",
            Path.Combine(data, "annotations"), "--split", split, "--subset", "val", "--csv", perImage);
        Assert.True(evaluated.Code == 0, evaluated.Error);
        Assert.Equal(loaded.Validation, CsvTable.Read(perImage).Column("image"));
    }

    [Theory]
    [InlineData("--subset", "test")]
    [InlineData("--split", "SPLIT")]
    [InlineData("--split", "SPLIT", "--subset", "holdout")]
    public void AnIncompleteSubsetIsAUsageError(params string[] subset)
    {
        var (data, split, _) = SplitDataset();
        var args = new[] { "measure", "--in", Path.Combine(data, "annotations"), "--csv", _folder["m.csv"] }
            .Concat(subset.Select(a => a == "SPLIT" ? split : a)).ToArray();

        var (code, _, error) = TestFolder.Rootseg(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--s", Assert.Single(Lines(error, "measure")), StringComparison.Ordinal);
        Assert.False(File.Exists(_folder["m.csv"]));
    }

    [Fact]
    public void AFolderWithNoneOfTheSubsetsFilesIsNamed()
    {
        var (_, split, _) = SplitDataset();
        var other = _folder.Folder("other");
        Mask(Path.Combine(other, "q.png"), 9, 7, (x, _) => x < 2);

        var (code, _, error) = TestFolder.Rootseg("measure", "--in", other, "--csv", _folder["m.csv"], "--split", split, "--subset", "train");

        Assert.Equal(1, code);
        Assert.Contains($"{other}: none of its files is in the train list of {split}", Assert.Single(Lines(error, "measure")),
            StringComparison.Ordinal);
    }

    [Fact]
    public void MeasureWithoutAScaleWritesPixelColumnsOnly()
    {
        var masks = _folder.Folder("masks");
        Mask(Path.Combine(masks, "a.png"), 20, 10, (x, _) => x is 3 or 4);
        var pixels = _folder["pixels.csv"];
        var scaled = _folder["scaled.csv"];

        var (code, output, _) = TestFolder.Rootseg("measure", "--in", masks, "--csv", pixels);
        Assert.Equal(0, code);
        Assert.Contains("pixel columns only", output, StringComparison.Ordinal);
        var table = CsvTable.Read(pixels);
        Assert.True(table.HasColumn("length_px"));
        Assert.DoesNotContain(table.Columns, c => c.Contains("mm", StringComparison.Ordinal));

        Assert.Equal(0, TestFolder.Rootseg("measure", "--in", masks, "--csv", scaled, "--dpi", "254").Code);
        var physical = CsvTable.Read(scaled);
        // 254 dpi is 10 px/mm: the length in mm is a tenth of that in pixels.
        Assert.Equal(physical.NumericColumn("length_px")[0] / 10, physical.NumericColumn("length_mm")[0], 9);
        Assert.Equal(ExitCodes.Usage, TestFolder.Rootseg("measure", "--in", masks, "--csv", _folder["both.csv"], "--dpi", "254",
            "--px-per-mm", "10").Code);
    }

    [Fact]
    public void SynthRefusesAFolderThatHoldsFilesUnlessOverwrite()
    {
        var dataset = _folder.Folder("synth");
        File.WriteAllText(Path.Combine(dataset, "notes.txt"), "mine");
        var args = new[] { "synth", "--out", dataset, "--count", "3", "--width", "96", "--height", "64" };

        var (code, _, error) = TestFolder.Rootseg(args);

        Assert.Equal(1, code);
        Assert.Contains($"{dataset} already holds files", Assert.Single(Lines(error, "synth")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dataset, "photos")));
        Assert.Equal(0, TestFolder.Rootseg([.. args, "--overwrite"]).Code);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dataset, "notes.txt")));
    }

    [Fact]
    public void CorrelateJoinsSynthsTruthWithMeasuresTable()
    {
        var dataset = _folder["synth"];
        Assert.Equal(0, TestFolder.Rootseg("synth", "--out", dataset, "--count", "4", "--width", "96", "--height", "64").Code);
        var csv = _folder["m.csv"];
        Assert.Equal(0, TestFolder.Rootseg("measure", "--in", Path.Combine(dataset, "annotations"), "--csv", csv).Code);

        var (code, output, error) = TestFolder.Rootseg("correlate", "--x", Path.Combine(dataset, "truth.csv") + ":true_length_px",
            "--y", csv + ":length_px");

        Assert.True(code == 0, error);
        Assert.Contains("n: 4", output, StringComparison.Ordinal);

        // --json is a switch everywhere (print JSON); a file is --json-out.
        var json = _folder["c.json"];
        var printed = TestFolder.Rootseg("correlate", "--x", Path.Combine(dataset, "truth.csv") + ":true_length_px",
            "--y", csv + ":length_px", "--json", "--json-out", json);
        Assert.Equal(0, printed.Code);
        using (var document = System.Text.Json.JsonDocument.Parse(printed.Out))
        {
            Assert.Equal(4, document.RootElement.GetProperty("n").GetInt32());
        }
        Assert.True(File.Exists(json));
        var (usage, _, message) = TestFolder.Rootseg("correlate", "--x", csv + ":length_px", "--y", csv + ":area_px", "--json", json);
        Assert.Equal(ExitCodes.Usage, usage);
        Assert.Contains("--json-out FILE", Assert.Single(Lines(message, "correlate")), StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateDrawsErrorOverlaysForTheReport()
    {
        var truth = _folder.Folder("truth");
        var predicted = _folder.Folder("pred");
        // Truth: columns 8-15 root; prediction: columns 12-19. So 8-11 are missed, 12-15 hit, 16-19 false alarms.
        Mask(Path.Combine(truth, "a.png"), 32, 16, (x, _) => x is >= 8 and < 16);
        Mask(Path.Combine(predicted, "a.png"), 32, 16, (x, _) => x is >= 12 and < 20);
        var overlays = _folder["overlays"];

        var (code, _, error) = TestFolder.Rootseg("evaluate", "--truth", truth, "--pred", predicted, "--overlays", overlays);

        Assert.True(code == 0, error);
        using var overlay = RootSeg.Imaging.Codecs.ImageFile.ReadRgb(Path.Combine(overlays, "a.jpg"));
        Assert.Equal((32, 16), (overlay.Width, overlay.Height));
        // JPEG blurs colour edges, so each region is read at its middle row and judged by its strongest channel.
        Assert.Equal(1, Strongest(overlay, 13, 8)); // true positive: green
        Assert.Equal(2, Strongest(overlay, 9, 8)); // false negative: blue
        Assert.Equal(0, Strongest(overlay, 17, 8)); // false positive: red
        Assert.True(overlay[26, 8, 0] + overlay[26, 8, 1] + overlay[26, 8, 2] < 60, "soil is drawn as the black canvas");
        Assert.Equal(ExitCodes.Usage, TestFolder.Rootseg("evaluate", "--truth", truth, "--pred", predicted, "--photos", truth).Code);
    }

    [Fact]
    public void SplitLeavesOutPhotosThatHaveNoAnnotationYet()
    {
        var data = _folder.Folder("data");
        for (var i = 0; i < 5; i++)
        {
            Photo(Path.Combine(_folder.Folder("data/photos"), $"p{i}.png"), i);
            Mask(Path.Combine(_folder.Folder("data/annotations"), $"p{i}.png"), 9, 7, (x, _) => x <= i);
        }
        Photo(Path.Combine(data, "photos", "untraced.png"), 9);

        var (code, _, error) = TestFolder.Rootseg("split", "--data", data, "--test", "1", "--val", "1", "--exclude", "untraced", "p4");

        Assert.True(code == 0, error);
        Assert.Equal("rootseg split: 1 photo(s) without an annotation are left out of the split: untraced.png",
            Assert.Single(Lines(error, "split")));
        var split = DatasetSplit.Load(Path.Combine(data, DatasetSplit.FileName));
        Assert.Equal(["p4"], split.Excluded);
        Assert.Equal(4, split.Train.Count + split.Validation.Count + split.Test.Count);
        Assert.DoesNotContain("untraced", split.Train.Concat(split.Validation).Concat(split.Test));

        File.Delete(Path.Combine(data, "photos", "p0.png"));
        var (incomplete, _, problem) = TestFolder.Rootseg("split", "--data", data, "--force");
        Assert.Equal(1, incomplete);
        Assert.Contains("1 annotation(s) without a photo: p0.png", Assert.Single(Lines(problem, "split")), StringComparison.Ordinal);
    }

    private static int Strongest(RootSeg.Imaging.Rasters.Raster<byte> rgb, int x, int y) =>
        Enumerable.Range(0, 3).MaxBy(c => rgb[x, y, c]);
}
