using RootSeg.Analysis.Export;
using RootSeg.Analysis.Traits;

namespace RootSeg.Analysis.Tests.Export;

public sealed class RhizoVisionCsvTests
{
    private static RootTraits Traits(double pixelsPerMm)
    {
        using var mask = TestRasters.FromText(
            "..........",
            ".#######..",
            "....#.....",
            "....#.....",
            "....##....");
        using var distance = TestRasters.Filled(10, 5, 1f);
        return RootTraitMeasurer.Measure(mask, mask, distance, new RootTraitOptions { Calibration = new Calibration(pixelsPerMm) });
    }

    [Fact]
    public void HeaderUsesRhizoVisionExplorerNamesAndUnits()
    {
        var mm = RhizoVisionCsv.Columns(4, physical: true);
        Assert.Equal(["File Name", "Region of Interest", "Number of Root Tips", "Number of Branch Points", "Total Root Length (mm)",
            "Branching frequency (mm⁻¹)", "Network Area (mm²)", "Average Diameter (mm)", "Median Diameter (mm)",
            "Maximum Diameter (mm)", "Perimeter (mm)", "Volume (mm³)", "Surface Area (mm²)", "Computation Time (s)"], mm.Take(14));
        Assert.Equal("Root Length Diameter Range 1 (mm)", mm[14]);
        Assert.Equal("Volume Diameter Range 4 (mm³)", mm[^1]);
        Assert.Equal(14 + 4 * 4, mm.Count);
        Assert.Contains("Total Root Length (px)", RhizoVisionCsv.Columns(4, physical: false));
    }

    [Theory]
    [InlineData(true, 4.0)]
    [InlineData(false, 1.0)]
    public void RoundTripGivesTheSameRows(bool physical, double pixelsPerMm)
    {
        using var folder = new TestRasters.TempFolder();
        var traits = Traits(pixelsPerMm);
        RhizoVisionRow[] rows = [RhizoVisionCsv.FromTraits("a.jpg", traits, 0.25), RhizoVisionCsv.FromTraits("b, c.png", traits)];
        var path = folder.File("features.csv");

        RhizoVisionCsv.Write(path, rows, physical);
        var (read, readPhysical) = RhizoVisionCsv.Read(path);

        Assert.Equal(physical, readPhysical);
        Assert.Equal(rows, read);
        Assert.Equal(traits.LengthMm, read[0].TotalRootLength);
        Assert.Equal(traits.BranchPoints / traits.LengthMm, read[0].BranchingFrequency, 1e-15);
        Assert.True(double.IsNaN(read[1].ComputationTimeSeconds));
    }

    [Fact]
    public void ReadsATableWithoutRegionColumnAndNamesTheFileWhenItIsNotOne()
    {
        using var folder = new TestRasters.TempFolder();
        var path = folder.File("features.csv");
        var header = RhizoVisionCsv.Columns(1, physical: true).Where(c => c != "Region of Interest");
        File.WriteAllText(path, string.Join(",", header.Select(h => $"\"{h}\"")) + "\nroot.png,3,1,12.5,0.08,2,0.4,0.4,0.6,20,1.6,15,0.1,12.5,,,\n");

        var (rows, _) = RhizoVisionCsv.Read(path);

        Assert.Equal(12.5, Assert.Single(rows).TotalRootLength);
        Assert.Equal([12.5], rows[0].LengthByDiameterRange);
        File.WriteAllText(path, "image,length_mm\na,1\n");
        Assert.Contains(path, Assert.Throws<FormatException>(() => RhizoVisionCsv.Read(path)).Message);
    }
}
