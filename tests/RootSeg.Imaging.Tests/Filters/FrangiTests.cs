using System.Text.Json;
using RootSeg.Imaging.Filters;
using RootSeg.Imaging.Rasters;
using RootSeg.Imaging.Tests.Morphology;

namespace RootSeg.Imaging.Tests.Filters;

public class FrangiTests
{
    // RootSeg computes in float64 like the reference, but takes a float32 image and returns float32, so inputs and
    // outputs are rounded to 24 bits. Stated tolerance: the largest absolute difference is at most 1e-6 of the
    // reference's maximum (measured: under 2e-7).
    private const double RelativeTolerance = 1e-6;

    public static TheoryData<int> Runs() => new() { 0, 1, 2, 3, 4 };

    [Theory]
    [MemberData(nameof(Runs))]
    public void MatchesScikitImage019WithinTolerance(int run)
    {
        var fixture = AlgFixtures.Load("frangi.json");
        var width = fixture.GetProperty("width").GetInt32();
        var height = fixture.GetProperty("height").GetInt32();
        using var image = AlgFixtures.Image(fixture, "image", width, height);
        var parameters = fixture.GetProperty("runs")[run];
        using var result = Frangi.Apply(image, Options(parameters));
        AssertClose(AlgFixtures.Doubles(parameters, "output"), AlgFixtures.Flatten(result));
    }

    [Fact]
    public void MatchesScikitImageOnTheSmallestImage()
    {
        var small = AlgFixtures.Load("frangi.json").GetProperty("small");
        using var image = AlgFixtures.Image(small, "image", 3, 2);
        using var result = Frangi.Apply(image, new FrangiOptions { Sigmas = [1], Gamma = 0.1 });
        AssertClose(AlgFixtures.Doubles(small, "output"), AlgFixtures.Flatten(result));
    }

    [Fact]
    public void MatchesScikitImageAcrossBandSeams()
    {
        var tall = AlgFixtures.Load("frangi.json").GetProperty("tall");
        var width = tall.GetProperty("width").GetInt32();
        var height = tall.GetProperty("height").GetInt32();
        Assert.True(height > 4 * Frangi.BandRows, "the image must span several of Frangi's bands");
        using var image = AlgFixtures.Image(tall, "image", width, height);
        using var result = Frangi.Apply(image, new FrangiOptions { Sigmas = [1, 3], Gamma = 0.5 });
        AssertClose(AlgFixtures.Doubles(tall, "output"), AlgFixtures.Flatten(result));
    }

    [Fact]
    public void ApplyAllGivesEachParameterSetItsOwnResultBitForBit()
    {
        // Sets that share some sigmas, differ in beta, gamma and ridge colour, and list sigmas in different orders.
        using var image = Ridges(70, 150);
        FrangiOptions[] sets =
        [
            new() { Sigmas = [1, 2, 3], Beta = 0.5, Gamma = 0.2 },
            new() { Sigmas = [3, 1], Beta = 1.2, Gamma = 0.05, BlackRidges = false },
            new() { Sigmas = [2], Beta = 0.3, Gamma = 15 },
        ];
        var together = Frangi.ApplyAll(image, sets);
        Assert.Equal(sets.Length, together.Length);
        for (var i = 0; i < sets.Length; i++)
        {
            using var alone = Frangi.Apply(image, sets[i]);
            using var joint = together[i];
            Assert.Equal(AlgFixtures.Flatten(alone), AlgFixtures.Flatten(joint));
            Assert.Contains(AlgFixtures.Flatten(joint), v => v > 0);
        }
        Assert.Throws<ArgumentException>(() => Frangi.ApplyAll(image, []));
    }

    [Fact]
    public void BlackRidgesOfAnImageAreWhiteRidgesOfItsInverse()
    {
        using var image = Ridges(40, 33);
        using var inverse = new Raster<float>(image.Width, image.Height);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                inverse[x, y] = 1 - image[x, y];
            }
        }
        var options = new FrangiOptions { Sigmas = [1, 2], Gamma = 0.1 };
        using var black = Frangi.Apply(image, options);
        using var white = Frangi.Apply(inverse, options with { BlackRidges = false });
        AssertClose(AlgFixtures.Flatten(black).Select(v => (double)v).ToArray(), AlgFixtures.Flatten(white));
        Assert.True(AlgFixtures.Flatten(black).Max() > 0.1f);
    }

    [Fact]
    public void TransposingTheImageTransposesTheResult()
    {
        using var image = Ridges(37, 29);
        using var transposed = new Raster<float>(image.Height, image.Width);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                transposed[y, x] = image[x, y];
            }
        }
        var options = new FrangiOptions { Sigmas = [1.5, 3], Gamma = 0.2 };
        using var result = Frangi.Apply(image, options);
        using var resultOfTransposed = Frangi.Apply(transposed, options);
        var expected = new double[image.Width * image.Height];
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                expected[y * image.Width + x] = resultOfTransposed[y, x];
            }
        }
        AssertClose(expected, AlgFixtures.Flatten(result));
    }

    [Fact]
    public void FlatImageHasNoVessels()
    {
        using var image = new Raster<float>(20, 9);
        image.Data.Fill(0.4f);
        using var result = Frangi.Apply(image, new FrangiOptions { Sigmas = [1, 2] });
        Assert.All(AlgFixtures.Flatten(result), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void LeavesTheInputUnchanged()
    {
        using var image = Ridges(16, 12);
        var before = AlgFixtures.Flatten(image);
        using var result = Frangi.Apply(image);
        Assert.Equal(before, AlgFixtures.Flatten(image));
    }

    [Fact]
    public void RejectsBadArguments()
    {
        using var image = new Raster<float>(5, 5);
        Assert.Equal("options", Assert.Throws<ArgumentException>(
            () => Frangi.Apply(image, new FrangiOptions { Sigmas = [] })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(
            () => Frangi.Apply(image, new FrangiOptions { Sigmas = [1, -2] })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(
            () => Frangi.Apply(image, new FrangiOptions { Beta = 0 })).ParamName);
        using var line = new Raster<float>(5, 1);
        Assert.Equal("image", Assert.Throws<ArgumentException>(() => Frangi.Apply(line)).ParamName);
        using var rgb = new Raster<float>(5, 5, 3);
        Assert.Equal("image", Assert.Throws<ArgumentException>(() => Frangi.Apply(rgb)).ParamName);
    }

    private static FrangiOptions Options(JsonElement run) => new()
    {
        Sigmas = AlgFixtures.Doubles(run, "sigmas"),
        Alpha = run.GetProperty("alpha").GetDouble(),
        Beta = run.GetProperty("beta").GetDouble(),
        Gamma = run.GetProperty("gamma").GetDouble(),
        BlackRidges = run.GetProperty("black_ridges").GetBoolean(),
    };

    /// <summary>A light image crossed by a dark diagonal line and a dark vertical band.</summary>
    private static Raster<float> Ridges(int width, int height)
    {
        var image = new Raster<float>(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var line = Math.Exp(-Math.Pow(y - 0.5 * x - 3, 2) / 2);
                var band = Math.Exp(-Math.Pow(x - width / 2.0, 2) / 8);
                image[x, y] = (float)(0.8 - 0.4 * line - 0.3 * band + 0.01 * Math.Sin(x * 7.3 + y * 3.1));
            }
        }
        return image;
    }

    private static void AssertClose(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = expected.Max();
        Assert.True(scale > 0);
        var worst = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst <= RelativeTolerance * scale, $"largest difference {worst:E3} of maximum {scale:E3}");
    }
}
