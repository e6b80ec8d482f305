using RootSeg.Analysis.Csv;
using RootSeg.Analysis.Statistics;

namespace RootSeg.Analysis.Tests.Statistics;

public sealed class PairedSamplesTests
{
    private static readonly CsvTable Lengths = CsvTable.Parse(
        "image,length_mm,skeleton_pixels\nc,30,3\na,10,1\nb,20,2\nonly_here,5,5\nmissing,NaN,9\n", "seg.csv");

    private static readonly CsvTable Manual = CsvTable.Parse(
        "image,root_intensity\nb,2.5\na,1.5\nc,3.5\nmissing,4\nonly_there,1\n", "manual.csv");

    [Fact]
    public void JoinPairsImagesPresentInBothTablesByName()
    {
        var pairs = PairedSamples.Join(Lengths, "length_mm", Manual, "root_intensity");
        Assert.Equal(["a", "b", "c"], pairs.Keys);
        Assert.Equal([10.0, 20, 30], pairs.X);
        Assert.Equal([1.5, 2.5, 3.5], pairs.Y);
        Assert.Equal(["missing"], pairs.Dropped);
        Assert.Equal("seg.csv:length_mm", pairs.XName);
        Assert.Equal(1.0, Correlation.Spearman(pairs.X, pairs.Y).Coefficient);
    }

    [Fact]
    public void MissingColumnNamesFileAndColumn()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => PairedSamples.Join(Lengths, "length_mm", Manual, "intensity"));
        Assert.Contains("manual.csv", e.Message);
        Assert.Contains("'intensity'", e.Message);
    }

    [Fact]
    public void RepeatedImageNameIsRejected()
    {
        var twice = CsvTable.Parse("image,v\na,1\na,2\n", "twice.csv");
        var e = Assert.Throws<FormatException>(() => PairedSamples.Join(twice, "v", Manual, "root_intensity"));
        Assert.Contains("twice.csv", e.Message);
        Assert.Contains("'a'", e.Message);
    }
}
