using RootSeg.Segmentation.Networks;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Tests.Networks;

/// <summary>
/// The paper's U-Net (width 64, GroupNorm(32)) in inference with the Winograd convolutions (the default) against
/// the direct ones: the logits differ by rounding only and the root masks agree. With random weights every
/// probability lies near 0.5, the hardest case for a mask to survive a change of arithmetic. Without AVX-512 the
/// own AVX2 kernels run; on a processor with neither both runs must be the same direct convolutions.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
[Trait("Category", "ProcessorDependent")]
public sealed class UNetGNWinogradTests
{
    private static float[] Logits(UNetGN net, Tensor tile, bool winograd)
    {
        try
        {
            Engine.Configure(EngineOptions.Default with { WinogradConvolutions = winograd });
            using var noGrad = NoGradScope.Enter();
            using var logits = net.Forward(tile);
            return logits.ToArray<float>();
        }
        finally
        {
            Engine.Configure(EngineOptions.Default);
        }
    }

    [Fact]
    public void WinogradLogitsAndMasksMatchTheDirectConvolutions()
    {
        Engine.ManualSeed(3);
        using var net = new UNetGN(UNetGN.PaperBaseWidth, UNetGN.PaperGroups);
        using var tile = Tensor.Rand([1, 3, 252, 252], seed: 4).Sub_(0.5);
        var direct = Logits(net, tile, winograd: false);
        var winograd = Logits(net, tile, winograd: true);

        var pixels = direct.Length / 2;
        Assert.Equal(68 * 68, pixels);
        double maxDiff = 0, maxAbs = 0;
        var differing = 0;
        var flipped = 0;
        for (var i = 0; i < direct.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(direct[i] - winograd[i]));
            maxAbs = Math.Max(maxAbs, Math.Abs(direct[i]));
            differing += direct[i] != winograd[i] ? 1 : 0;
        }
        for (var p = 0; p < pixels; p++)
        {
            var rootDirect = direct[pixels + p] > direct[p];
            var rootWinograd = winograd[pixels + p] > winograd[p];
            flipped += rootDirect != rootWinograd ? 1 : 0;
        }
        if (Engine.Describe().Winograd == WinogradState.NoKernel)
        {
            Assert.Equal(0, differing); // no AVX-512: both runs are the direct convolutions
            return;
        }
        Assert.True(differing > 0, "identical logits: the Winograd convolutions did not run");
        Assert.True(maxDiff <= 1e-3 * maxAbs, $"logits differ by {maxDiff} against a largest {maxAbs}");
        Assert.True(flipped <= pixels / 1000, $"{flipped} of {pixels} mask pixels flipped");
    }
}
