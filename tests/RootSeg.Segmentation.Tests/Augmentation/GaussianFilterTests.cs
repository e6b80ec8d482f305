using RootSeg.Segmentation.Augmentation;

namespace RootSeg.Segmentation.Tests.Augmentation;

public class GaussianFilterTests
{
    [Fact]
    public void MatchesScipyGaussianFilterReflect()
    {
        var fixture = AugmentFixture.Load("gaussian_filter.json");
        var cases = 0;
        foreach (var c in fixture.GetProperty("cases").EnumerateArray())
        {
            var height = c.Int("height");
            var width = c.Int("width");
            var input = c.GetProperty("input").Doubles();
            var expected = c.GetProperty("output").Doubles();
            var actual = new double[input.Length];
            GaussianFilter.Apply(input, actual, height, width, c.Double("sigma"));
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-6,
                    $"sigma {c.Double("sigma")}, index {i}: {actual[i]} vs scipy {expected[i]}");
            }
            cases++;
        }
        Assert.Equal(3, cases);
    }

    [Fact]
    public void KernelIsNormalisedWithScipyRadius()
    {
        var kernel = GaussianFilter.HalfKernel(15.0);
        Assert.Equal(61, kernel.Length); // radius int(4 x 15 + 0.5) = 60
        Assert.Equal(1.0, kernel[0] + 2 * kernel.Skip(1).Sum(), 12);
        Assert.True(kernel[0] > kernel[1] && kernel[59] > kernel[60]);
    }

    [Fact]
    public void ConstantFieldStaysConstant()
    {
        var input = Enumerable.Repeat(0.25, 7 * 5).ToArray();
        var output = new double[input.Length];
        GaussianFilter.Apply(input, output, 7, 5, 20.0);
        Assert.All(output, v => Assert.Equal(0.25, v, 12));
    }

    [Fact]
    public void RejectsBadArguments()
    {
        var input = new double[6];
        var output = new double[6];
        Assert.Throws<ArgumentOutOfRangeException>("sigma", () => GaussianFilter.Apply(input, output, 2, 3, 0.0));
        Assert.Throws<ArgumentException>("output", () => GaussianFilter.Apply(input, new double[5], 2, 3, 1.0));
        Assert.Throws<ArgumentException>("output", () => GaussianFilter.Apply(input, input, 2, 3, 1.0));
    }
}
