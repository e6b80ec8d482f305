using System.Text.Json;
using RootSeg.Baseline.Frangi;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Baseline.Tests.Frangi;

/// <summary>
/// The baseline's Frangi filter against the behaviour of the paper's own code (scales 1, 2, 4, ..., 2^(m-1) and a
/// zero-padded Hessian of the dark-root image), as scripts/fixtures/baseline.py reproduces it with scikit-image's
/// <c>hessian_matrix(mode='constant', cval=0)</c> (Fixtures/baseline/pipeline.json).
/// </summary>
public class PaperFrangiTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "baseline", "pipeline.json"))).RootElement;

    [Theory]
    [InlineData(1, new double[] { 1 })]
    [InlineData(3, new double[] { 1, 2, 4 })]
    [InlineData(6, new double[] { 1, 2, 4, 8, 16, 32 })]
    public void ScalesDoubleAsInThePapersCode(int maxSigma, double[] expected)
    {
        Assert.Equal(expected, new FrangiParameters(maxSigma, 0.5, 0.05, 0.1, 0).Sigmas());
    }

    public static TheoryData<int> Cases => new() { 0, 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Cases))]
    public void VesselnessMatchesThePapersFilterToOneMillionthOfItsMaximum(int index)
    {
        var c = Fixture.GetProperty("cases")[index];
        var parameters = new FrangiParameters(c.GetProperty("maxSigma").GetInt32(), c.GetProperty("beta1").GetDouble(),
            c.GetProperty("beta2").GetDouble(), c.GetProperty("threshold").GetDouble(),
            c.GetProperty("minObjectSize").GetInt32(), c.GetProperty("brightRoots").GetBoolean());
        var width = Fixture.GetProperty("width").GetInt32();
        var height = Fixture.GetProperty("height").GetInt32();
        using var photo = new Raster<byte>(width, height, 3);
        var i = 0;
        foreach (var v in Fixture.GetProperty("rgb").EnumerateArray())
        {
            photo.Data[i++] = (byte)v.GetInt32();
        }
        using var grey = RasterConversions.ToGreyFloat(photo);
        using var vesselness = Imaging.Filters.Frangi.Apply(grey, FrangiSegmenter.FilterOptions(parameters));
        var expected = c.GetProperty("vesselness").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var max = expected.Max();
        Assert.True(max > 0.01, "the fixture has roots to find");
        // Float32 input and output against scikit-image's float64: 1e-6 of the maximum (the imaging tests' bound).
        var tolerance = 1e-6 * max;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var want = expected[y * width + x];
                var got = vesselness[x, y];
                Assert.True(Math.Abs(got - want) <= tolerance,
                    $"({x}, {y}): {got} against the paper's {want} (tolerance {tolerance:G3})");
            }
        }
    }
}
