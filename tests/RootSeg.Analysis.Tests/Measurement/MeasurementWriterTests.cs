using System.Text.Json;
using RootSeg.Analysis.Csv;
using RootSeg.Analysis.Measurement;
using RootSeg.Analysis.Traits;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Analysis.Tests.Measurement;

public sealed class MeasurementWriterTests
{
    private static readonly MeasurementOptions Options = MeasurementOptions.Defaults(new Calibration(1));

    private static ImageMeasurement VerticalRoot(string name)
    {
        // A root 3 pixels wide down the whole 100 x 100 image, skeleton on its centre column, EDT 2 there.
        using var mask = new Raster<byte>(100, 100);
        using var skeleton = new Raster<byte>(100, 100);
        using var distance = new Raster<float>(100, 100);
        for (var y = 0; y < 100; y++)
        {
            mask[36, y] = mask[37, y] = mask[38, y] = 1;
            skeleton[37, y] = 1;
            distance[37, y] = 2;
        }
        return ImageMeasurement.Measure(name, mask, skeleton, distance, Options);
    }

    [Fact]
    public void TableHasOneRowPerImageAndDocumentedColumns()
    {
        using var folder = new TestRasters.TempFolder();
        var path = folder.File("traits.csv");
        MeasurementWriter.Write(path, [VerticalRoot("a"), VerticalRoot("b")], Options);
        var table = CsvTable.Read(path);
        Assert.Equal(["a", "b"], table.Column("image"));
        Assert.Equal(100.0, table.NumericColumn("skeleton_pixels")[0]);
        Assert.Equal(99.0, table.NumericColumn("length_mm")[0]);
        Assert.Equal(300.0, table.NumericColumn("area_mm2")[0]);
        Assert.Equal(4.0, table.NumericColumn("mean_diameter_mm")[0]);
        Assert.Equal(99.0, table.NumericColumn("length_mm_diameter_2_to_inf_mm")[0]);
        Assert.Equal(0.0, table.NumericColumn("length_mm_diameter_0_to_0.5_mm")[0]);
        // 10 mm grid on a 100 mm square: 10 horizontal lines crossed once each, 2 m of line.
        Assert.Equal(10.0, table.NumericColumn("grid10mm_crossings")[0]);
        Assert.Equal(5.0, table.NumericColumn("grid10mm_root_intensity_per_m")[0]);
        Assert.Equal(2.0, table.NumericColumn("grid10mm_line_length_m")[0]);
        Assert.Equal(11.0 / 14 * 10 * 10, table.NumericColumn("grid10mm_tennant_length_mm")[0], 12);
        Assert.Equal(Math.PI * 10 * 10000 / (2 * 2000), table.NumericColumn("grid10mm_newman_length_mm")[0], 12);
        Assert.True(table.HasColumn("grid80mm_tennant_length_mm"));

        using var settings = JsonDocument.Parse(File.ReadAllText(folder.File("traits.settings.json")));
        var root = settings.RootElement;
        Assert.Equal(MeasurementWriter.JsonSchema, root.GetProperty("schema").GetString());
        Assert.Equal(1.0, root.GetProperty("pixels_per_mm").GetDouble());
        Assert.Equal(2.0, root.GetProperty("depth_of_field_mm").GetDouble());
        var described = root.GetProperty("columns").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(table.Columns, described);
        Assert.All(root.GetProperty("columns").EnumerateObject(), p => Assert.False(string.IsNullOrWhiteSpace(p.Value.GetString())));
    }

    [Fact]
    public void MeasurementsFromOtherSettingsOrRepeatedImagesAreRejected()
    {
        var a = VerticalRoot("a");
        var other = Options with { Grids = Options.Grids with { GridSpacingsMm = [10, 20] } };
        Assert.Contains("other settings", Assert.Throws<ArgumentException>(() => MeasurementWriter.ToCsv([a], other)).Message);
        Assert.Contains("'a'", Assert.Throws<ArgumentException>(() => MeasurementWriter.ToCsv([a, a], Options)).Message);
    }

    [Fact]
    public void CalibrationsMustAgree()
    {
        var mixed = Options with { Grids = Options.Grids with { Calibration = new Calibration(2) } };
        Assert.Equal("Grids", Assert.Throws<ArgumentException>(mixed.Validate).ParamName);
    }

    [Fact]
    public void SettingsFileSitsBesideTheTable()
    {
        Assert.Equal(Path.Combine("out", "traits.settings.json"), MeasurementWriter.SettingsPath(Path.Combine("out", "traits.csv")));
    }
}
