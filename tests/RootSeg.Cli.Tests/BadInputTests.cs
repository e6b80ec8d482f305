using System.Runtime.InteropServices;
using System.Text.Json;
using RootSeg.Analysis.Csv;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Files;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Cli.Tests;

/// <summary>
/// Hostile inputs for every command, each file built here: truncated, empty, random, CMYK and huge-header photos,
/// mismatched and 0/1 masks, empty folders, macOS '._' files, unwritable outputs, corrupt models and checkpoints.
/// Each test checks the exit status, one line 'rootseg COMMAND: FILE: problem' per bad file, that the good files
/// were still processed, and that no temporary or partial file was left.
/// </summary>
public sealed partial class BadInputTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static List<string> Lines(string error, string command) =>
        error.Split('\n').Where(l => l.StartsWith($"rootseg {command}: ", StringComparison.Ordinal)).ToList();

    private static void AssertNoTemporaryFiles(string folder)
    {
        if (Directory.Exists(folder))
        {
            Assert.DoesNotContain(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories),
                f => f.EndsWith(".tmp", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith(".rootseg", StringComparison.Ordinal));
        }
    }

    private string Model(string name = "model.safetensors", ulong seed = 5) => AnalyseInputs.Model(_folder, seed, name, inputTile: 188);

    private static void Photo(string path, int seed, int width = 9, int height = 7)
    {
        using var photo = new Raster<byte>(width, height, 3);
        new Random(seed).NextBytes(photo.Data);
        ImageFile.Write(path, photo);
    }

    private static void Mask(string path, int width, int height, Func<int, int, bool> root, byte rootValue = 255)
    {
        using var raster = new Raster<byte>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                raster[x, y] = root(x, y) ? rootValue : (byte)0;
            }
        }
        ImageFile.Write(path, raster);
    }

    private byte[] JpegBytes(int width, int height)
    {
        var path = _folder[$"source-{width}x{height}.jpg"];
        Photo(path, 9, width, height);
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    /// <summary>A real JPEG whose frame header (SOF0) claims 26000 x 26000 pixels.</summary>
    private byte[] HugeHeaderJpeg()
    {
        var jpeg = JpegBytes(16, 16);
        for (var i = 2; i + 8 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC2)
            {
                // Marker, length (2), precision (1), height (2), width (2).
                jpeg[i + 5] = 26000 >> 8;
                jpeg[i + 6] = 26000 & 0xFF;
                jpeg[i + 7] = 26000 >> 8;
                jpeg[i + 8] = 26000 & 0xFF;
                return jpeg;
            }
        }
        throw new InvalidOperationException("no frame header");
    }

    [LibraryImport("libturbojpeg.so.0", EntryPoint = "tjInitCompress")]
    private static partial IntPtr TjInitCompress();

    [LibraryImport("libturbojpeg.so.0", EntryPoint = "tjCompress2")]
    private static unsafe partial int TjCompress2(IntPtr handle, byte* source, int width, int pitch, int height,
        int pixelFormat, ref byte* jpeg, ref nuint size, int subsampling, int quality, int flags);

    [LibraryImport("libturbojpeg.so.0", EntryPoint = "tjFree")]
    private static unsafe partial void TjFree(byte* buffer);

    [LibraryImport("libturbojpeg.so.0", EntryPoint = "tjDestroy")]
    private static partial int TjDestroy(IntPtr handle);

    /// <summary>A 4-channel CMYK JPEG made by TurboJPEG (pixel format TJPF_CMYK = 11).</summary>
    private static unsafe byte[] CmykJpeg()
    {
        var pixels = new byte[8 * 8 * 4];
        new Random(4).NextBytes(pixels);
        var handle = TjInitCompress();
        byte* jpeg = null;
        nuint size = 0;
        try
        {
            fixed (byte* source = pixels)
            {
                Assert.Equal(0, TjCompress2(handle, source, 8, 32, 8, 11, ref jpeg, ref size, 0, 90, 0));
            }
            return new ReadOnlySpan<byte>(jpeg, checked((int)size)).ToArray();
        }
        finally
        {
            TjFree(jpeg);
            TjDestroy(handle);
        }
    }

    [Fact]
    public void SegmentGivesOneLinePerBrokenPhotoAndSegmentsTheOthers()
    {
        var model = Model();
        var photos = _folder.Folder("photos");
        Photo(Path.Combine(photos, "good0.png"), 1);
        Photo(Path.Combine(photos, "good1.png"), 2);
        var jpeg = JpegBytes(40, 30);
        File.WriteAllBytes(Path.Combine(photos, "truncated.jpg"), jpeg[..(jpeg.Length / 2)]);
        File.WriteAllBytes(Path.Combine(photos, "empty.jpg"), []);
        var random = new byte[300];
        new Random(5).NextBytes(random);
        File.WriteAllBytes(Path.Combine(photos, "random.png"), random);
        File.WriteAllBytes(Path.Combine(photos, "cmyk.jpg"), CmykJpeg());
        File.WriteAllBytes(Path.Combine(photos, "huge.jpg"), HugeHeaderJpeg());
        File.WriteAllBytes(Path.Combine(photos, "._good0.png"), random); // macOS AppleDouble: not a photo
        File.WriteAllBytes(Path.Combine(photos, ".hidden.jpg"), random);
        var output = _folder["out"];

        var (code, stdout, error) = TestFolder.Rootseg("segment", "--model", model, "--in", photos, "--out", output, "--threads", "1");

        Assert.Equal(1, code);
        var lines = Lines(error, "segment");
        Assert.Equal(5, lines.Count);
        foreach (var bad in new[] { "truncated.jpg", "empty.jpg", "random.png", "cmyk.jpg", "huge.jpg" })
        {
            Assert.Single(lines, l => l.Contains(Path.Combine(photos, bad) + ": ", StringComparison.Ordinal));
        }
        Assert.Contains("megapixels", lines.Single(l => l.Contains("huge.jpg", StringComparison.Ordinal)));
        Assert.Contains("CMYK", lines.Single(l => l.Contains("cmyk.jpg", StringComparison.Ordinal)));
        Assert.Contains("segmented 2, up to date 0, failed 5", stdout);
        Assert.Equal(["good0.png", "good1.png", OutputManifest.FolderFileName],
            Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        AssertNoTemporaryFiles(output);
    }

    [Fact]
    public void SegmentFailsOnAnEmptyFolderAndOnAFolderOfFolders()
    {
        var model = Model();
        var empty = _folder.Folder("empty");
        File.WriteAllBytes(Path.Combine(empty, "._a.jpg"), [0, 5, 22, 7]);
        var nested = _folder.Folder("nested");
        _folder.Folder("nested/day1");
        Photo(Path.Combine(_folder.Folder("nested/day2"), "a.png"), 1);

        var (code, _, error) = TestFolder.Rootseg("segment", "--model", model, "--in", empty, "--out", _folder["o1"]);
        Assert.Equal(1, code);
        Assert.Equal($"rootseg segment: {empty}: no photos in this folder (.jpg .jpeg .png .tif .tiff)", Assert.Single(Lines(error, "segment")));

        (code, _, error) = TestFolder.Rootseg("segment", "--model", model, "--in", nested, "--out", _folder["o2"]);
        Assert.Equal(1, code);
        Assert.Contains("only 2 sub-folder(s)", Assert.Single(Lines(error, "segment")));
        Assert.False(Directory.Exists(_folder["o1"]));
        Assert.False(Directory.Exists(_folder["o2"]));
    }

    [Fact]
    public void SegmentRefusesARerunWithAnotherThresholdOrModelUnlessOverwrite()
    {
        var model = Model();
        var otherModel = Model("other.safetensors", seed: 6);
        var photos = _folder.Folder("photos");
        Photo(Path.Combine(photos, "a.png"), 1);
        Photo(Path.Combine(photos, "b.png"), 2);
        var output = _folder["out"];
        var mask = Path.Combine(output, "a.png");

        Assert.Equal(0, TestFolder.Rootseg("segment", "--model", model, "--in", photos, "--out", output, "--threads", "1").Code);
        var written = File.GetLastWriteTimeUtc(mask);
        var (code, stdout, _) = TestFolder.Rootseg("segment", "--model", model, "--in", photos, "--out", output, "--threads", "1");
        Assert.Equal(0, code);
        Assert.Contains("segmented 0, up to date 2", stdout);

        (code, _, var error) = TestFolder.Rootseg("segment", "--model", model, "--in", photos, "--out", output, "--threshold", "0.7");
        Assert.Equal(1, code);
        var line = Assert.Single(Lines(error, "segment"));
        Assert.StartsWith($"rootseg segment: {output}: ", line);
        Assert.Contains("threshold 0.5 -> 0.7", line);
        Assert.Contains("--overwrite", line);

        (code, _, error) = TestFolder.Rootseg("segment", "--model", otherModel, "--in", photos, "--out", output, "--crop", "0,0,5,5");
        Assert.Equal(1, code);
        line = Assert.Single(Lines(error, "segment"));
        Assert.Contains("model sha256", line);
        Assert.Contains("crop none -> 0,0,5,5", line);
        Assert.Equal(written, File.GetLastWriteTimeUtc(mask));

        (code, stdout, _) = TestFolder.Rootseg("segment", "--model", otherModel, "--in", photos, "--out", output,
            "--threshold", "0.7", "--overwrite", "--threads", "1");
        Assert.Equal(0, code);
        Assert.Contains("segmented 2, up to date 0", stdout);
        var manifest = OutputManifest.Read(Path.Combine(output, OutputManifest.FolderFileName))!;
        Assert.Equal(OutputManifest.Sha256(otherModel), manifest.ModelSha256);
        Assert.Equal("0.7", manifest.Settings["threshold"]);
        Assert.Equal(2, manifest.Inputs.Count);
    }

    [Fact]
    public void SegmentChecksTheOutputFolderBeforeReadingTheModel()
    {
        var photos = _folder.Folder("photos");
        Photo(Path.Combine(photos, "a.png"), 1);
        // The model is garbage: an error about the output rather than the model proves the order.
        var model = _folder["model.safetensors"];
        File.WriteAllText(model, "not a model");
        // Root may write anywhere, so the unwritable folder is one whose parent is a regular file.
        var file = _folder["file"];
        File.WriteAllText(file, "x");
        var output = Path.Combine(file, "out");

        var (code, _, error) = TestFolder.Rootseg("segment", "--model", model, "--in", photos, "--out", output);

        Assert.Equal(1, code);
        var line = Assert.Single(Lines(error, "segment"));
        Assert.StartsWith($"rootseg segment: {output}: the output folder cannot be created", line);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void SegmentWithACorruptModelGivesOneLineNamingIt()
    {
        var good = Model();
        var photos = _folder.Folder("photos");
        Photo(Path.Combine(photos, "a.png"), 1);
        var truncated = _folder["truncated.safetensors"];
        var bytes = File.ReadAllBytes(good);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var output = _folder["out"];

        var (code, _, error) = TestFolder.Rootseg("segment", "--model", truncated, "--in", photos, "--out", output);

        Assert.Equal(1, code);
        Assert.StartsWith($"rootseg segment: {truncated}: ", Assert.Single(Lines(error, "segment")));
        Assert.False(File.Exists(Path.Combine(output, "a.png")));
        AssertNoTemporaryFiles(output);
    }

    [Fact]
    public void MeasureGoesOnPastBadMasksAndWritesTheGoodRows()
    {
        var masks = _folder.Folder("masks");
        Mask(Path.Combine(masks, "a.png"), 20, 10, (x, y) => y is 4 or 5);
        Mask(Path.Combine(masks, "b.png"), 20, 10, (x, _) => x is 3 or 4, rootValue: 1);
        var jpeg = JpegBytes(20, 10);
        File.WriteAllBytes(Path.Combine(masks, "c.jpg"), jpeg[..(jpeg.Length / 2)]);
        File.WriteAllText(Path.Combine(masks, "d.png"), "not a png");
        File.WriteAllText(Path.Combine(masks, "._a.png"), "AppleDouble");
        var csv = _folder["m.csv"];

        var (code, _, error) = TestFolder.Rootseg("measure", "--in", masks, "--csv", csv);

        Assert.Equal(1, code);
        var lines = Lines(error, "measure");
        Assert.Single(lines, l => l.StartsWith($"rootseg measure: {Path.Combine(masks, "c.jpg")}: ", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith($"rootseg measure: {Path.Combine(masks, "d.png")}: ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("._a", StringComparison.Ordinal));
        var table = CsvTable.Read(csv);
        Assert.Equal(["a", "b"], table.Column("image"));
        // The 0/1 mask is read as a mask, not as an empty image: its two columns of root have length.
        Assert.True(table.NumericColumn("length_px")[1] > 5);
        Assert.True(File.Exists(OutputManifest.BesideFile(csv)));
        AssertNoTemporaryFiles(_folder.Root);
    }

    [Fact]
    public void MeasureRefusesACsvOfOtherSettingsUnlessOverwrite()
    {
        var masks = _folder.Folder("masks");
        Mask(Path.Combine(masks, "a.png"), 20, 10, (_, y) => y == 4);
        var csv = _folder["m.csv"];
        Assert.Equal(0, TestFolder.Rootseg("measure", "--in", masks, "--csv", csv, "--px-per-mm", "2").Code);
        var before = File.ReadAllText(csv);

        var (code, _, error) = TestFolder.Rootseg("measure", "--in", masks, "--csv", csv, "--px-per-mm", "4");

        Assert.Equal(1, code);
        Assert.Contains("px-per-mm 2 -> 4", Assert.Single(Lines(error, "measure")));
        Assert.Equal(before, File.ReadAllText(csv));
        Assert.Equal(0, TestFolder.Rootseg("measure", "--in", masks, "--csv", csv, "--px-per-mm", "4", "--overwrite").Code);
        Assert.NotEqual(before, File.ReadAllText(csv));
    }

    [Fact]
    public void EvaluateGoesOnPastBadMasksAndReadsZeroOnePredictionsAsTruthIsRead()
    {
        var truth = _folder.Folder("truth");
        var prediction = _folder.Folder("pred");
        Mask(Path.Combine(truth, "a.png"), 10, 4, (x, _) => x < 5);
        Mask(Path.Combine(prediction, "a.png"), 10, 4, (x, _) => x is >= 2 and < 7);
        Mask(Path.Combine(truth, "b.png"), 10, 4, (x, _) => x < 5);
        Mask(Path.Combine(prediction, "b.png"), 8, 4, (x, _) => x < 5); // another size
        Mask(Path.Combine(prediction, "c.png"), 10, 4, (x, _) => x < 5); // no annotation
        Mask(Path.Combine(truth, "d.png"), 10, 4, (x, _) => x < 3);
        Mask(Path.Combine(prediction, "d.png"), 10, 4, (x, _) => x < 3, rootValue: 1); // a 0/1 prediction
        File.WriteAllText(Path.Combine(prediction, "._a.png"), "AppleDouble");
        File.WriteAllText(Path.Combine(truth, "._a.png"), "AppleDouble");
        var csv = _folder["images.csv"];

        var (code, output, error) = TestFolder.Rootseg("evaluate", "--truth", truth, "--pred", prediction, "--json", "--csv", csv);

        Assert.Equal(1, code);
        var lines = Lines(error, "evaluate");
        Assert.Contains(lines, l => l.StartsWith($"rootseg evaluate: {Path.Combine(truth, "b.png")}: annotation is 10x4", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"rootseg evaluate: {Path.Combine(prediction, "c.png")}: no annotation", StringComparison.Ordinal));
        Assert.Equal(3, lines.Count); // b, c and the summary line
        var table = CsvTable.Read(csv);
        Assert.Equal(["a", "d"], table.Column("image"));
        Assert.Equal("12", table.Column("tp")[1]); // 0/1 prediction d: its 12 root pixels all hit
        using var json = JsonDocument.Parse(output);
        Assert.Equal(12 + 12, json.RootElement.GetProperty("pooled").GetProperty("tp").GetInt64());
        AssertNoTemporaryFiles(_folder.Root);
    }

    [Fact]
    public void SplitIgnoresAppleDoubleFiles()
    {
        var data = _folder.Folder("data");
        var photos = _folder.Folder("data/photos");
        var annotations = _folder.Folder("data/annotations");
        for (var i = 0; i < 4; i++)
        {
            Photo(Path.Combine(photos, $"p{i}.png"), i);
            Mask(Path.Combine(annotations, $"p{i}.png"), 9, 7, (x, _) => x < i + 1);
        }
        File.WriteAllText(Path.Combine(photos, "._p0.png"), "AppleDouble");
        File.WriteAllText(Path.Combine(annotations, "._p0.png"), "AppleDouble");
        File.WriteAllText(Path.Combine(annotations, "._p9.png"), "AppleDouble");

        var (code, _, error) = TestFolder.Rootseg("split", "--data", data, "--test", "1", "--val", "1");

        Assert.True(code == 0, error);
        Assert.DoesNotContain("._", File.ReadAllText(Path.Combine(data, "split.json")));
    }

    [Fact]
    public void ReportFailsWithoutAPageWhenEveryInputIsWrong()
    {
        var page = _folder["report.html"];

        var (code, _, error) = TestFolder.Rootseg("report", "--html", page, "--run", _folder["no-run"], "--eval", _folder["no-eval.json"]);

        Assert.Equal(1, code);
        var lines = Lines(error, "report");
        Assert.Contains($"rootseg report: {_folder["no-run"]}: no such file or folder (--run)", lines);
        Assert.Contains($"rootseg report: {_folder["no-eval.json"]}: no such file or folder (--eval)", lines);
        Assert.Contains(lines, l => l.StartsWith($"rootseg report: {page}: not written", StringComparison.Ordinal));
        Assert.False(File.Exists(page));
    }
}
