using RootSeg.Analysis.Csv;

namespace RootSeg.Analysis.Tests.Csv;

public sealed class CsvTests
{
    [Fact]
    public void WriterQuotesFieldsThatNeedIt()
    {
        var csv = new CsvWriter(["image", "note", "value"]);
        csv.AddRow("a,b", "say \"hi\"", 1.5);
        csv.AddRow(" padded", "line\nbreak", double.NaN);
        csv.AddRow("plain", null, 3);
        Assert.Equal(
            "image,note,value\n\"a,b\",\"say \"\"hi\"\"\",1.5\n\" padded\",\"line\nbreak\",NaN\nplain,,3\n",
            csv.ToString());
        Assert.Equal(3, csv.RowCount);
    }

    [Fact]
    public void WriterUsesRoundTripInvariantNumbers()
    {
        var value = 0.1 + 0.2;
        Assert.Equal("0.30000000000000004", CsvWriter.Format(value));
        Assert.Equal("-1E-300", CsvWriter.Format(-1e-300));
        Assert.Equal("12345678901", CsvWriter.Format(12345678901L));
        Assert.Equal("true", CsvWriter.Format(true));
        Assert.Equal("Infinity", CsvWriter.Format(double.PositiveInfinity));
    }

    [Fact]
    public void WriterRejectsWrongRowLengthAndBadHeaders()
    {
        var csv = new CsvWriter(["a", "b"]);
        var e = Assert.Throws<ArgumentException>(() => csv.AddRow(1));
        Assert.Equal("values", e.ParamName);
        Assert.Contains("2 columns", e.Message);
        Assert.Throws<ArgumentException>(() => new CsvWriter(["a", "a"]));
        Assert.Throws<ArgumentException>(() => new CsvWriter([]));
    }

    [Fact]
    public void WrittenTableReadsBackTheSame()
    {
        using var folder = new TestRasters.TempFolder();
        var path = folder.File("t.csv");
        var csv = new CsvWriter(["image", "x"]);
        csv.AddRow("a,\"1\"", 0.1 + 0.2);
        csv.AddRow("b\r\nc", -7.25);
        csv.Save(path);
        Assert.Equal(["t.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
        var table = CsvTable.Read(path);
        Assert.Equal(["image", "x"], table.Columns);
        Assert.Equal(["a,\"1\"", "b\r\nc"], table.Column("image"));
        Assert.Equal([0.1 + 0.2, -7.25], table.NumericColumn("x"));
    }

    [Fact]
    public void ReaderHandlesCrLfBomAndMissingFinalNewline()
    {
        var table = CsvTable.Parse("\uFEFFa,b\r\n1,\r\n\"x\",NaN", "mem");
        Assert.Equal(2, table.RowCount);
        Assert.Equal("", table.Field(0, "b"));
        var b = table.NumericColumn("b");
        Assert.True(double.IsNaN(b[0]) && double.IsNaN(b[1]));
        Assert.Equal("x", table.Field(1, "a"));
    }

    [Fact]
    public void MissingColumnErrorNamesFileAndColumn()
    {
        var table = CsvTable.Parse("image,length\na,1\n", "data/manual.csv");
        var e = Assert.Throws<KeyNotFoundException>(() => table.Column("intensity"));
        Assert.Contains("data/manual.csv", e.Message);
        Assert.Contains("'intensity'", e.Message);
        Assert.Contains("image, length", e.Message);
    }

    [Fact]
    public void BadNumberErrorNamesFileRowAndColumn()
    {
        var table = CsvTable.Parse("image,length\na,1\nb,long\n", "m.csv");
        var e = Assert.Throws<FormatException>(() => table.NumericColumn("length"));
        Assert.Contains("m.csv", e.Message);
        Assert.Contains("row 2", e.Message);
        Assert.Contains("'length'", e.Message);
    }

    [Theory]
    [InlineData("a,b\n1\n", "row 1 has 1 fields")]
    [InlineData("a,b\n\"1,2\n", "not closed")]
    [InlineData("a,b\n\"1\"x,2\n", "after a closing quote")]
    [InlineData("", "empty")]
    [InlineData("a,a\n", "twice")]
    public void MalformedTextIsRejectedWithReason(string text, string reason)
    {
        var e = Assert.Throws<FormatException>(() => CsvTable.Parse(text, "bad.csv"));
        Assert.Contains("bad.csv", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void ReadingAMissingFileNamesIt()
    {
        var e = Assert.Throws<FileNotFoundException>(() => CsvTable.Read("/nonexistent/folder/x.csv"));
        Assert.Contains("/nonexistent/folder/x.csv", e.Message);
    }

    [Fact]
    public void SavingIntoAMissingFolderNamesThePath()
    {
        var csv = new CsvWriter(["a"]);
        var e = Assert.ThrowsAny<IOException>(() => csv.Save("/nonexistent/folder/x.csv"));
        Assert.StartsWith("/nonexistent/folder/x.csv: ", e.Message);
    }
}
