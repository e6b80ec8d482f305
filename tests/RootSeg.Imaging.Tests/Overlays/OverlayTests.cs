using RootSeg.Imaging.Annotations;
using RootSeg.Imaging.Overlays;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Tests.Overlays;

public sealed class OverlayTests
{
    private static Raster<byte> Photo(int width, int height)
    {
        var photo = new Raster<byte>(width, height, 3);
        for (var i = 0; i < photo.Data.Length; i++)
        {
            photo.Data[i] = (byte)(40 + i % 7 * 20);
        }
        return photo;
    }

    private static Raster<byte> Mask(int width, params byte[] values)
    {
        var mask = new Raster<byte>(width, values.Length / width);
        values.CopyTo(mask.Data);
        return mask;
    }

    [Fact]
    public void MaskOverlayBlendsOnlyUnderTheMask()
    {
        using var photo = Photo(2, 2);
        using var mask = Mask(2, 0, 3, 0, 0);
        using var drawn = MaskOverlay.Draw(photo, mask, new OverlayColour(255, 0, 100), 0.25f);
        for (var i = 0; i < 12; i++)
        {
            var under = photo.Data[i];
            var expected = i is >= 3 and < 6
                ? (byte)MathF.Round(under + 0.25f * (new byte[] { 255, 0, 100 }[i - 3] - under), MidpointRounding.AwayFromZero)
                : under;
            Assert.Equal(expected, drawn.Data[i]);
        }
    }

    [Fact]
    public void OpacityZeroIsThePhotoAndOneIsTheColour()
    {
        using var photo = Photo(3, 1);
        using var mask = Mask(3, 1, 1, 1);
        using var none = MaskOverlay.Draw(photo, mask, OverlayColour.Yellow, 0f);
        using var full = MaskOverlay.Draw(photo, mask, OverlayColour.Yellow, 1f);
        Assert.True(none.Data.SequenceEqual(photo.Data));
        Assert.Equal(new byte[] { 255, 255, 0, 255, 255, 0, 255, 255, 0 }, full.Data.ToArray());
    }

    [Fact]
    public void GreyPhotosAreShownAsGrey()
    {
        using var photo = Mask(2, 10, 200);
        using var mask = Mask(2, 0, 0);
        using var drawn = MaskOverlay.Draw(photo, mask, OverlayColour.Red);
        Assert.Equal(new byte[] { 10, 10, 10, 200, 200, 200 }, drawn.Data.ToArray());
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        using var photo = Photo(2, 2);
        using var small = Mask(1, 1);
        using var fits = Mask(2, 1, 1, 1, 1);
        Assert.Equal("mask", Assert.Throws<ArgumentException>(() => MaskOverlay.Draw(photo, small, OverlayColour.Red)).ParamName);
        Assert.Equal("opacity", Assert.Throws<ArgumentOutOfRangeException>(() => MaskOverlay.Draw(photo, fits, OverlayColour.Red, 1.5f)).ParamName);
        Assert.Equal("opacity", Assert.Throws<ArgumentOutOfRangeException>(() => MaskOverlay.Draw(photo, fits, OverlayColour.Red, float.NaN)).ParamName);
    }

    [Fact]
    public void ErrorOverlayColoursTruePositivesFalsePositivesAndFalseNegatives()
    {
        using var photo = Photo(5, 1);
        using var labels = Mask(5, 1, 0, 1, 0, 255);
        using var truth = AnnotationMask.FromLabels(labels);
        using var prediction = Mask(5, 1, 1, 0, 0, 1);
        using var drawn = ErrorOverlay.Draw(photo, prediction, truth, opacity: 1f);
        var colours = ErrorColours.Default;
        Assert.Equal(colours.TruePositive, Pixel(drawn, 0));
        Assert.Equal(colours.FalsePositive, Pixel(drawn, 1));
        Assert.Equal(colours.FalseNegative, Pixel(drawn, 2));
        Assert.Equal(Pixel(photo, 3), Pixel(drawn, 3));
        Assert.Equal(Pixel(photo, 4), Pixel(drawn, 4));
        Assert.Equal(3, new[] { colours.TruePositive, colours.FalsePositive, colours.FalseNegative }.Distinct().Count());
    }

    [Fact]
    public void ErrorOverlayTakesCustomColoursAndChecksSizes()
    {
        using var photo = Photo(2, 1);
        using var labels = Mask(2, 1, 1);
        using var truth = AnnotationMask.FromLabels(labels);
        using var prediction = Mask(2, 1, 0);
        var colours = new ErrorColours { TruePositive = new OverlayColour(1, 2, 3), FalseNegative = new OverlayColour(4, 5, 6) };
        using var drawn = ErrorOverlay.Draw(photo, prediction, truth, 1f, colours);
        Assert.Equal(new OverlayColour(1, 2, 3), Pixel(drawn, 0));
        Assert.Equal(new OverlayColour(4, 5, 6), Pixel(drawn, 1));
        using var wide = Mask(3, 1, 1, 1);
        Assert.Equal("prediction", Assert.Throws<ArgumentException>(() => ErrorOverlay.Draw(photo, wide, truth)).ParamName);
    }

    [Fact]
    public void AnnotationOverlayDrawsRootOnly()
    {
        using var photo = Photo(3, 1);
        using var labels = Mask(3, 1, 0, 255);
        using var truth = AnnotationMask.FromLabels(labels);
        using var drawn = MaskOverlay.Draw(photo, truth, OverlayColour.Blue, 1f);
        Assert.Equal(OverlayColour.Blue, Pixel(drawn, 0));
        Assert.Equal(Pixel(photo, 1), Pixel(drawn, 1));
        Assert.Equal(Pixel(photo, 2), Pixel(drawn, 2));
    }

    private static OverlayColour Pixel(Raster<byte> rgb, int x) => new(rgb[x, 0, 0], rgb[x, 0, 1], rgb[x, 0, 2]);
}
