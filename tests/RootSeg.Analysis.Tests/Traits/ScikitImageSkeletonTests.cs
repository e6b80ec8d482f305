using System.Text.Json;
using RootSeg.Analysis.LineIntersect;
using RootSeg.Analysis.Traits;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Analysis.Tests.Traits;

/// <summary>
/// Traits and line-intersect counts on a synthetic mask skeletonized by scikit-image, against the array-wise numpy
/// computation in scripts/fixtures/analysis.py (Fixtures/traits.json).
/// </summary>
public sealed class ScikitImageSkeletonTests : IDisposable
{
    private readonly JsonElement _fixture;
    private readonly JsonDocument _document;
    private readonly Raster<byte> _mask;
    private readonly Raster<byte> _skeleton;
    private readonly Raster<float> _distance;
    private readonly RootTraitOptions _options;

    public ScikitImageSkeletonTests()
    {
        _document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "traits.json")));
        _fixture = _document.RootElement;
        _mask = TestRasters.FromText(Rows("mask"));
        _skeleton = TestRasters.FromText(Rows("skeleton"));
        _distance = new Raster<float>(_mask.Width, _mask.Height);
        // The fixture holds the distance transform at skeleton pixels, in row-major order: all that is read.
        var edt = _fixture.GetProperty("skeleton_edt").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        var k = 0;
        for (var y = 0; y < _mask.Height; y++)
        {
            for (var x = 0; x < _mask.Width; x++)
            {
                if (_skeleton[x, y] != 0)
                {
                    _distance[x, y] = edt[k++];
                }
            }
        }
        Assert.Equal(edt.Length, k);
        _options = new RootTraitOptions
        {
            Calibration = new Calibration(_fixture.GetProperty("pixels_per_mm").GetDouble()),
            DepthOfFieldMm = _fixture.GetProperty("depth_of_field_mm").GetDouble(),
            DiameterClassBoundsMm = _fixture.GetProperty("diameter_class_bounds_mm").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
        };
    }

    private JsonElement Expected => _fixture.GetProperty("expected");

    [Fact]
    public void TraitsMatchTheReference()
    {
        var t = RootTraitMeasurer.Measure(_mask, _skeleton, _distance, _options);
        Assert.Equal(Expected.GetProperty("skeleton_pixels").GetInt64(), t.SkeletonPixels);
        Assert.Equal(Expected.GetProperty("area_px").GetInt64(), t.AreaPixels);
        Assert.Equal(Expected.GetProperty("length_mm").GetDouble(), t.LengthMm, 1e-10);
        Assert.Equal(Expected.GetProperty("mean_diameter_mm").GetDouble(), t.MeanDiameterMm, 1e-10);
        Assert.Equal(Expected.GetProperty("median_diameter_mm").GetDouble(), t.MedianDiameterMm, 1e-10);
        Assert.Equal(Expected.GetProperty("max_diameter_mm").GetDouble(), t.MaxDiameterMm, 1e-10);
        Assert.Equal(Expected.GetProperty("volume_mm3").GetDouble(), t.VolumeMm3, 1e-9);
        Assert.Equal(Expected.GetProperty("surface_area_mm2").GetDouble(), t.SurfaceAreaMm2, 1e-9);
        Assert.Equal(Expected.GetProperty("tips").GetInt64(), t.Tips);
        Assert.Equal(Expected.GetProperty("branch_pixels").GetInt64(), t.BranchPixels);
        Assert.Equal(Expected.GetProperty("branch_points").GetInt64(), t.BranchPoints);
        Assert.Equal(Expected.GetProperty("rld_cm_per_cm3").GetDouble(), t.RootLengthDensityCmPerCm3, 1e-10);
        var classes = Expected.GetProperty("length_by_class_mm").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(classes.Length, t.LengthByDiameterClassMm.Count);
        for (var i = 0; i < classes.Length; i++)
        {
            Assert.Equal(classes[i], t.LengthByDiameterClassMm[i], 1e-10);
        }
        var kimura = RootTraitMeasurer.KimuraLength(
            Expected.GetProperty("orthogonal_links").GetInt64(), Expected.GetProperty("diagonal_links").GetInt64());
        Assert.Equal(_options.Calibration.ToMm(kimura), t.KimuraLengthMm, 1e-10);
    }

    [Fact]
    public void LineIntersectCountsMatchTheReference()
    {
        foreach (var grid in Expected.GetProperty("grids").EnumerateArray())
        {
            var g = LineIntersectCounter.CountGrid(_mask, _options.Calibration, grid.GetProperty("spacing_mm").GetDouble());
            Assert.Equal(grid.GetProperty("horizontal_lines").GetInt32(), g.HorizontalLines);
            Assert.Equal(grid.GetProperty("vertical_lines").GetInt32(), g.VerticalLines);
            Assert.Equal(grid.GetProperty("horizontal_crossings").GetInt64(), g.HorizontalCrossings);
            Assert.Equal(grid.GetProperty("vertical_crossings").GetInt64(), g.VerticalCrossings);
        }
    }

    public void Dispose()
    {
        _mask.Dispose();
        _skeleton.Dispose();
        _distance.Dispose();
        _document.Dispose();
    }

    private string[] Rows(string name) => _fixture.GetProperty(name).EnumerateArray().Select(r => r.GetString()!).ToArray();
}
