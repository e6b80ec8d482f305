using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Augmentation;
using RootSeg.Segmentation.Augmentation.Device;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Tests.Augmentation.Device;

public sealed class ColorJitterOpsTests
{
    public static TheoryData<string, double> Cases => new()
    {
        { "brightness", 0.7 }, { "brightness", 1.0 }, { "brightness", 1.2999 },
        { "contrast", 0.71 }, { "contrast", 1.0 }, { "contrast", 1.3 },
        { "saturation", 0.8 }, { "saturation", 1.19 },
        { "hue", 0.0 }, { "hue", 0.0009 }, { "hue", -0.001 }, { "hue", 0.1 }, { "hue", -0.37 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachOperationEqualsTheHostsPillowArithmetic(string operation, double factor)
    {
        using var image = DeviceTiles.RandomPhoto(37, 17);
        // Add grey and saturated pixels, the special cases of the HSV conversion.
        for (var x = 0; x < 37; x++)
        {
            image[x, 0, 0] = image[x, 0, 1] = image[x, 0, 2] = (byte)(7 * x);
            image[x, 1, 0] = 255;
            image[x, 1, 1] = image[x, 1, 2] = (byte)x;
        }
        using var expected = image.Clone();
        switch (operation)
        {
            case "brightness": ColorJitter.AdjustBrightness(expected, factor); break;
            case "contrast": ColorJitter.AdjustContrast(expected, factor); break;
            case "saturation": ColorJitter.AdjustSaturation(expected, factor); break;
            default: ColorJitter.AdjustHue(expected, factor); break;
        }
        using var scope = TensorScope.Enter();
        var hwc = Tensor.FromArray(image.Data.ToArray(), [37, 37, 3]);
        var tile = hwc.Permute(2, 0, 1).To(ScalarType.Float32).Contiguous();
        var result = operation switch
        {
            "brightness" => ColorJitterOps.Brightness(tile, factor),
            "contrast" => ColorJitterOps.Contrast(tile, factor),
            "saturation" => ColorJitterOps.Saturation(tile, factor),
            _ => ColorJitterOps.Hue(tile, factor),
        };
        var actual = result.Permute(1, 2, 0).Contiguous().ToArray<float>();
        var reference = expected.Data.ToArray();
        var differing = Enumerable.Range(0, reference.Length).Count(i => actual[i] != reference[i]);
        Assert.True(differing == 0, $"{operation} {factor}: {differing} of {reference.Length} samples differ");
    }

    [Fact]
    public void TheHueTableIsTheHostsRoundTripAndOutlivesScopes()
    {
        using var image = DeviceTiles.RandomPhoto(41, 23);
        using var expected = image.Clone();
        ColorJitter.AdjustHue(expected, 0.0009);
        HueTable table;
        using (TensorScope.Enter())
        {
            table = new HueTable(RootSeg.Torch.Device.Cpu);
        }
        using (table)
        using (var scope = TensorScope.Enter())
        {
            var tile = Tensor.FromArray(image.Data.ToArray(), [41, 41, 3]).Permute(2, 0, 1).To(ScalarType.Float32).Contiguous();
            var actual = table.Apply(tile).Permute(1, 2, 0).Contiguous().ToArray<float>();
            Assert.Equal(expected.Data.ToArray().Select(v => (float)v), actual);
        }
    }
}
