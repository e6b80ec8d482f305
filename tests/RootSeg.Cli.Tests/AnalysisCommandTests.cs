using System.Text.Json;
using RootSeg.Analysis.Csv;
using RootSeg.Cli.Commands;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Cli.Tests;

public sealed class AnalysisCommandTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static void WriteGrey(string path, int width, int height, Func<int, int, byte> value)
    {
        using var raster = new Raster<byte>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                raster[x, y] = value(x, y);
            }
        }
        ImageFile.Write(path, raster);
    }

    [Fact]
    public void EvaluatePoolsCountsAndLeavesOutUnlabelledPixels()
    {
        var truth = _folder.Folder("truth");
        var prediction = _folder.Folder("pred");
        // Image a: truth root in columns 0-4 of 10x4; prediction root in columns 2-6: TP 12, FP 8, FN 8, TN 12.
        WriteGrey(Path.Combine(truth, "a.png"), 10, 4, (x, _) => x < 5 ? (byte)255 : (byte)0);
        WriteGrey(Path.Combine(prediction, "a.png"), 10, 4, (x, _) => x is >= 2 and < 7 ? (byte)255 : (byte)0);
        // Image b: RootPainter RGBA truth, all background except a transparent (unlabelled) first row, no roots;
        // prediction root in the first two rows: the first row is left out, so FP 10 and TN 20.
        using (var rgba = new Raster<byte>(10, 4, 4))
        {
            for (var y = 0; y < 4; y++)
            {
                for (var x = 0; x < 10; x++)
                {
                    rgba[x, y, 1] = (byte)(y == 0 ? 0 : 255);
                    rgba[x, y, 3] = (byte)(y == 0 ? 0 : 255);
                }
            }
            ImageFile.Write(Path.Combine(truth, "b.png"), rgba);
        }
        WriteGrey(Path.Combine(prediction, "b.png"), 10, 4, (_, y) => y < 2 ? (byte)255 : (byte)0);
        WriteGrey(Path.Combine(prediction, "b.prob.png"), 3, 3, (_, _) => 7);

        var (code, output, _) = TestFolder.Run(new EvaluateCommand(), "--truth", truth, "--pred", prediction, "--json",
            "--csv", _folder["images.csv"]);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var pooled = json.RootElement.GetProperty("pooled");
        Assert.Equal(12, pooled.GetProperty("tp").GetInt64());
        Assert.Equal(18, pooled.GetProperty("fp").GetInt64());
        Assert.Equal(8, pooled.GetProperty("fn").GetInt64());
        Assert.Equal(32, pooled.GetProperty("tn").GetInt64());
        var table = CsvTable.Read(_folder["images.csv"]);
        Assert.Equal(2, table.RowCount);
    }

    [Fact]
    public void EvaluateNamesAPredictionWithoutAnnotation()
    {
        var truth = _folder.Folder("truth");
        var prediction = _folder.Folder("pred");
        WriteGrey(Path.Combine(prediction, "lonely.png"), 4, 4, (_, _) => 0);
        var (code, _, error) = TestFolder.Rootseg("evaluate", "--truth", truth, "--pred", prediction);
        Assert.Equal(1, code);
        Assert.Contains($"rootseg evaluate: {Path.Combine(prediction, "lonely.png")}: no annotation with stem 'lonely'", error);
        Assert.Contains($"rootseg evaluate: {prediction}: none of the 1 predicted masks could be evaluated", error);
    }

    [Fact]
    public void MeasureWritesOneRowPerMaskAndTheSettings()
    {
        var masks = _folder.Folder("masks");
        WriteGrey(Path.Combine(masks, "line.png"), 40, 20, (x, y) => y == 10 && x is >= 5 and < 35 ? (byte)255 : (byte)0);
        WriteGrey(Path.Combine(masks, "empty.png"), 40, 20, (_, _) => 0);
        var csv = _folder["traits.csv"];

        var (code, _, _) = TestFolder.Run(new MeasureCommand(), "--in", masks, "--csv", csv, "--px-per-mm", "2");

        Assert.Equal(0, code);
        var table = CsvTable.Read(csv);
        Assert.Equal(["empty", "line"], table.Column("image"));
        Assert.True(File.Exists(_folder["traits.settings.json"]));
        // A 30-pixel line skeletonises to about 30 pixels: about 15 mm at 2 pixels per mm.
        var lengths = table.NumericColumn("length_mm");
        Assert.Equal(0, lengths[0]);
        Assert.InRange(lengths[1], 13, 16);
    }

    [Fact]
    public void CorrelateJoinsTablesAndWritesPlotAndJson()
    {
        File.WriteAllText(_folder["x.csv"], "image,length\na,1\nb,2\nc,3\nd,4\ne,5\n");
        File.WriteAllText(_folder["y.csv"], "image,count\na,2.1\nb,3.9\nc,6.2\nd,8.1\ne,9.8\nz,100\n");

        var (code, output, _) = TestFolder.Run(new CorrelateCommand(), "--x", _folder["x.csv"] + ":length",
            "--y", _folder["y.csv"] + ":count", "--plot", _folder["plot.svg"], "--json-out", _folder["stats.json"]);

        Assert.Equal(0, code);
        Assert.False(string.IsNullOrWhiteSpace(output));
        Assert.StartsWith("<?xml", File.ReadAllText(_folder["plot.svg"]), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(_folder["stats.json"]));
        Assert.Contains("rootseg.correlation/1", json.RootElement.ToString());
        Assert.Throws<InvalidDataException>(() => TestFolder.Run(new CorrelateCommand(),
            "--x", _folder["x.csv"] + ":nope", "--y", _folder["y.csv"] + ":count"));
        Assert.Throws<UsageException>(() => TestFolder.Run(new CorrelateCommand(), "--x", "nocolumn", "--y", "a:b"));
    }
}
