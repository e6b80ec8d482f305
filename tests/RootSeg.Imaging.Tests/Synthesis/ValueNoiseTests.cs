using RootSeg.Imaging.Synthesis;

namespace RootSeg.Imaging.Tests.Synthesis;

public sealed class ValueNoiseTests
{
    [Fact]
    public void ValuesStayInTheUnitIntervalAndSpreadOverIt()
    {
        var noise = new ValueNoise(11, 16, 4);
        float low = 1, high = 0;
        for (var y = 0; y < 200; y++)
        {
            for (var x = 0; x < 200; x++)
            {
                var v = noise.At(x, y);
                Assert.InRange(v, 0f, 1f);
                low = MathF.Min(low, v);
                high = MathF.Max(high, v);
            }
        }

        Assert.True(high - low > 0.5f, $"range only [{low}, {high}]");
    }

    [Fact]
    public void FieldIsContinuous()
    {
        // The steepest smoothstep slope is 1.5 per cell per octave; with cells of 32, 16 and 8 pixels a step of
        // 0.01 pixel cannot change the normalised sum by more than 0.01 * 1.5 * (1/32 + 1/16 + 1/8) / 1.75.
        var noise = new ValueNoise(3, 32, 3);
        for (var i = 0; i < 2000; i++)
        {
            var x = i * 0.37f;
            var y = i * 0.11f;

            Assert.True(MathF.Abs(noise.At(x + 0.01f, y) - noise.At(x, y)) < 3e-3f);
        }
    }

    [Fact]
    public void SameSeedSameFieldOtherSeedOtherField()
    {
        var a = new ValueNoise(5, 20, 3);
        var b = new ValueNoise(5, 20, 3);
        var c = new ValueNoise(6, 20, 3);
        var differs = false;
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(a.At(i * 1.3f, i * 0.7f), b.At(i * 1.3f, i * 0.7f));
            differs |= a.At(i * 1.3f, i * 0.7f) != c.At(i * 1.3f, i * 0.7f);
        }

        Assert.True(differs);
    }

    [Theory]
    [InlineData(0.5, 3)]
    [InlineData(10, 0)]
    [InlineData(10, 9)]
    public void BadArgumentsAreRejected(double cell, int octaves)
    {
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new ValueNoise(0, cell, octaves));
    }
}
