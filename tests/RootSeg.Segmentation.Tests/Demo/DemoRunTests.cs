using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using RootSeg.Analysis.Csv;
using RootSeg.Analysis.Reports;
using RootSeg.Segmentation.Data;
using RootSeg.Segmentation.Demo;
using RootSeg.Segmentation.Tests.Data;
using RootSeg.Segmentation.Tests.Networks;

namespace RootSeg.Segmentation.Tests.Demo;

// The demo seeds and draws from torch's default generator (network initialisation), like the UNetGN tests.
[Collection(DefaultGeneratorCollection.Name)]
public sealed class DemoRunTests
{
    private static readonly XNamespace X = "http://www.w3.org/1999/xhtml";

    [Fact]
    public void QuickDemoRunsEveryStageAndWritesACompleteReport()
    {
        using var folder = new TemporaryDirectory();
        var options = DemoOptions.Quick(Path.Combine(folder.Path, "demo"), seed: 3);
        var log = new StringWriter();
        var result = DemoRun.Run(options, log);
        var paths = result.Paths;

        for (var step = 1; step <= 7; step++)
        {
            Assert.Contains($"[{step}/7 at ", log.ToString(), StringComparison.Ordinal);
        }
        Assert.Empty(result.MissingReportParts);
        Assert.Equal((options.ImageCount - options.TestCount - options.ValidationCount, options.ValidationCount, options.TestCount),
            (result.TrainCount, result.ValidationCount, result.TestCount));
        Assert.Equal(1, result.BestEpoch);

        var split = DatasetSplit.Load(paths.Split);
        split.CheckDisjoint();
        Assert.Equal(options.TestCount, split.Test.Count);
        foreach (var stem in split.Test)
        {
            Assert.True(File.Exists(Path.Combine(paths.Segmentations, stem + ".png")), stem);
            Assert.True(File.Exists(Path.Combine(paths.Overlays, stem + ".jpg")), stem);
        }
        Assert.True(File.Exists(Path.Combine(paths.Run, "best.safetensors")));

        using (var evaluation = JsonDocument.Parse(File.ReadAllText(paths.EvaluationJson)))
        {
            var images = evaluation.RootElement.GetProperty("images").EnumerateArray().ToArray();
            Assert.Equal(split.Test, images.Select(i => i.GetProperty("image").GetString()));
            // Every pixel of every test photo is labelled, so the four counts cover the photo exactly once.
            Assert.All(images, i =>
            {
                var m = i.GetProperty("metrics");
                var total = m.GetProperty("tp").GetInt64() + m.GetProperty("fp").GetInt64()
                    + m.GetProperty("tn").GetInt64() + m.GetProperty("fn").GetInt64();
                Assert.Equal((long)options.ImageSize * options.ImageSize, total);
            });
        }
        var measurements = CsvTable.Read(paths.Measurements);
        Assert.Equal(split.Test, measurements.Column("image"));
        Assert.Contains("grid5mm_root_intensity_per_m", measurements.Columns);
        var truth = CsvTable.Read(paths.TrueLengths);
        Assert.Equal(split.Test, truth.Column("image"));
        Assert.All(truth.NumericColumn("true_length_mm"), v => Assert.True(v > 0));
        using (var correlation = JsonDocument.Parse(File.ReadAllText(paths.Correlation)))
        {
            Assert.Equal(options.TestCount, correlation.RootElement.GetProperty("n").GetInt32());
        }
        Assert.InRange(result.SpearmanRho, -1, 1);
        Assert.InRange(result.TestF1, 0, 1);

        using var reader = XmlReader.Create(paths.Report, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        var page = XDocument.Load(reader);
        Assert.Equal(HtmlReport.SectionIds, page.Descendants(X + "section").Select(s => (string)s.Attribute("id")!));
        Assert.DoesNotContain(page.Descendants(X + "p"), p => (string?)p.Attribute("class") == "missing");
        Assert.Equal(2, page.Descendants(X + "img").Count());

        var again = Assert.Throws<IOException>(() => DemoRun.Run(options, TextWriter.Null));
        Assert.Contains(paths.Directory, again.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(DemoOptions.TestCount))]
    [InlineData(nameof(DemoOptions.InputTile))]
    [InlineData(nameof(DemoOptions.ImageCount))]
    [InlineData(nameof(DemoOptions.Groups))]
    [InlineData(nameof(DemoOptions.ImageSize))]
    public void BadOptionsAreRefusedByName(string field)
    {
        var good = DemoOptions.Quick("unused");
        good.Validate();
        var bad = field switch
        {
            nameof(DemoOptions.TestCount) => good with { TestCount = 2 },
            nameof(DemoOptions.InputTile) => good with { InputTile = 250 },
            nameof(DemoOptions.ImageCount) => good with { ImageCount = good.TestCount + good.ValidationCount },
            nameof(DemoOptions.Groups) => good with { Groups = 3 },
            _ => good with { ImageSize = 60 },
        };
        var error = Assert.ThrowsAny<ArgumentException>(bad.Validate);
        Assert.Equal(field, error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoRun.Run(bad, TextWriter.Null));
    }
}
