using RootSeg.Segmentation.Networks;

namespace RootSeg.Segmentation.Tests.Networks;

public sealed class UNetGNSizeTests
{
    [Theory]
    [InlineData(572, 388)]
    [InlineData(188, 4)]
    [InlineData(204, 20)]
    [InlineData(252, 68)]
    [InlineData(220, 36)]
    public void OutputSizeOfValidInputs(int input, int output) => Assert.Equal(output, UNetGN.OutputSize(input));

    [Theory]
    [InlineData(570)]
    [InlineData(574)]
    [InlineData(571)]
    [InlineData(187)]
    [InlineData(172)]
    [InlineData(0)]
    [InlineData(-12)]
    public void OutputSizeRejectsInvalidInputs(int input)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => UNetGN.OutputSize(input));
        Assert.Equal("inputSize", error.ParamName);
        Assert.False(UNetGN.IsValidInputSize(input));
    }

    [Fact]
    public void ValidInputSizesBetween100And300()
    {
        Assert.Equal([188, 204, 220, 236, 252, 268, 284, 300], UNetGN.ValidInputSizes(100, 300));
        Assert.Empty(UNetGN.ValidInputSizes(189, 203));
        Assert.Throws<ArgumentOutOfRangeException>(() => UNetGN.ValidInputSizes(300, 100));
    }

    // The closed form that the error messages' "nearest valid sizes" rely on: valid sizes are 188 + 16k and lose 184.
    [Fact]
    public void ValidSizesAre188Plus16kAndLose184()
    {
        for (var s = -5; s <= 1200; s++)
        {
            var closedForm = s >= 188 && (s - 188) % 16 == 0;
            Assert.Equal(closedForm, UNetGN.IsValidInputSize(s));
            if (closedForm)
            {
                Assert.Equal(s - 184, UNetGN.OutputSize(s));
            }
        }
    }

    [Fact]
    public void InvalidSizeMessageNamesTheNearestValidSizes()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => UNetGN.OutputSize(580));
        Assert.Contains("572 and 588", error.Message, StringComparison.Ordinal);
    }
}
