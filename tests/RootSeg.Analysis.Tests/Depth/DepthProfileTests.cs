using RootSeg.Analysis.Csv;
using RootSeg.Analysis.Depth;

namespace RootSeg.Analysis.Tests.Depth;

public sealed class DepthProfileTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void FramesAddUpPerTubeDateAndBandWithDensities()
    {
        var bands = new DepthBands(10);
        DepthSample[] samples =
        [
            new("T1", "d1", "", "a", 0, 20, 200),
            new("T1", "d1", "", "b", 1, 30, 200),
            new("T1", "d1", "", "c", 1, 10, 200),
            new("T1", "d2", "", "d", 0, 5, 200),
            new("T2", "d1", "", "e", 2, 0, 100),
        ];

        var profile = DepthProfile.Build(samples, bands, depthOfFieldMm: 2);

        Assert.Equal(4, profile.Rows.Count);
        var band1 = profile.Rows[1];
        Assert.Equal((new ProfileGroup("T1", "d1", ""), 1, 10.0, 20.0, 2), (band1.Group, band1.Band, band1.TopMm, band1.BottomMm, band1.Images));
        Assert.Equal(40, band1.LengthMm, Tolerance);
        Assert.Equal(400, band1.AreaMm2, Tolerance);
        // 4 cm of root in 4 cm² x 0.2 cm of soil = 5 cm/cm³; 40 mm per 4 cm² = 10 mm/cm².
        Assert.Equal(5, band1.RootLengthDensityCmPerCm3, Tolerance);
        Assert.Equal(10, band1.RootLengthIntensityMmPerCm2, Tolerance);

        Assert.Equal(3, profile.Summaries.Count);
        var t1 = profile.Summaries[0];
        Assert.Equal((3, 60.0), (t1.Images, t1.LengthMm));
        // 20 in 0-10 and 40 in 10-20: D50 = 10 + (30 - 20) / 40 x 10; D95 = 10 + (57 - 20) / 40 x 10.
        Assert.Equal(12.5, t1.D50Mm, Tolerance);
        Assert.Equal(19.25, t1.D95Mm, Tolerance);
        Assert.Equal(20, t1.DeepestBandBottomMm);
        Assert.True(double.IsNaN(profile.Summaries[2].D50Mm));
    }

    [Fact]
    public void TablesAndChartsAreWrittenWithTheDocumentedColumns()
    {
        using var folder = new TestRasters.TempFolder();
        var profile = DepthProfile.Build([new("P", "", "", "a", 0, 1, 100), new("P", "", "", "a", 1, 3, 100)], new DepthBands(5), 2);

        DepthProfileWriter.Write(folder.Path, profile);

        var bandsCsv = CsvTable.Read(folder.File("depth_profile.csv"));
        Assert.Equal(DepthProfileWriter.BandColumns.Select(c => c.Name), bandsCsv.Columns);
        Assert.Equal([2.5, 7.5], bandsCsv.NumericColumn("band_mid_mm"));
        var summary = CsvTable.Read(folder.File("rooting_depth.csv"));
        Assert.Equal(DepthProfileWriter.SummaryColumns.Select(c => c.Name), summary.Columns);
        // 1 in 0-5, 3 in 5-10: D50 = 5 + (2 - 1) / 3 x 5.
        Assert.Equal(5 + 5.0 / 3, summary.NumericColumn("d50_mm")[0], Tolerance);
        Assert.Contains("class=\"series\"", File.ReadAllText(folder.File("depth_profile.svg")));
        Assert.Contains("cm per cm³", File.ReadAllText(folder.File("depth_rld.svg")));
    }

    [Fact]
    public void MetadataTableGivesDepthOrLocation()
    {
        using var folder = new TestRasters.TempFolder();
        var path = folder.File("frames.csv");
        File.WriteAllText(path, "image,tube,location,depth_mm,date\nA.jpg,T1,3,,2020-01-01\nB,T1,,125.5,\n");

        var frames = FrameTable.Read(path);

        Assert.Equal(new FrameInfo("T1", 3, null, "2020-01-01", "", ""), frames["A"]);
        Assert.Equal(125.5, frames["B"].ResolveDepthMm(null));

        File.WriteAllText(path, "image,tube,location\nA.jpg,T1,\n");
        Assert.Contains("data row 1", Assert.Throws<FormatException>(() => FrameTable.Read(path)).Message);
        File.WriteAllText(path, "image,location\nA.jpg,1\n");
        Assert.Contains("'tube'", Assert.Throws<FormatException>(() => FrameTable.Read(path)).Message);
    }
}
