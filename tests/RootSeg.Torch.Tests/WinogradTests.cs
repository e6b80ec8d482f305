using RootSeg.Torch;

namespace RootSeg.Torch.Tests;

// The Winograd convolutions of CPU inference (native/src/rs_winograd.cpp) against libtorch's direct ones: equal up
// to rounding where they apply, bit-identical where they must not apply (gradients, few channels, other shapes), and
// never stale when the weight changes or a new weight takes its place. Without AVX-512 (ROOTSEG_MAX_CPU_ISA=avx2 in
// scripts/test's second pass) the own AVX2 kernels of rs_winograd_f43.cpp run instead of oneDNN's; on a processor
// with neither every convolution must be the direct one, bit for bit.
[Trait("Category", "ProcessorDependent")]
public sealed class WinogradTests : LeakCheckedTest
{
    private static bool KernelsHere => Engine.Describe().Winograd != WinogradState.NoKernel;

    private static float[] Convolve(Tensor x, Tensor w, Tensor? b, bool winograd, long padding = 0)
    {
        try
        {
            Engine.Configure(EngineOptions.Default with { WinogradConvolutions = winograd });
            using var noGrad = NoGradScope.Enter();
            using var y = Functional.Conv2d(x, w, b, padding: padding);
            return y.ToArray<float>();
        }
        finally
        {
            Engine.Configure(EngineOptions.Default);
        }
    }

    private static Tensor Weight(long outChannels, long inChannels, ulong seed) =>
        Tensor.RandN([outChannels, inChannels, 3, 3], seed).Mul_(Math.Sqrt(2.0 / (inChannels * 9)));

    private static (double MaxDiff, double MaxAbs, int Differing) Compare(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double maxDiff = 0, maxAbs = 0;
        var differing = 0;
        for (var i = 0; i < a.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(a[i] - b[i]));
            maxAbs = Math.Max(maxAbs, Math.Abs(b[i]));
            differing += a[i] != b[i] ? 1 : 0;
        }
        return (maxDiff, maxAbs, differing);
    }

    [Fact]
    public void TheShimIsBuiltWithWinogradAndItIsOnByDefault()
    {
        Engine.Configure(EngineOptions.Default);
        var state = Engine.Describe().Winograd;
        Assert.True(state is WinogradState.On or WinogradState.NoKernel, $"Winograd is {state}");
        if (state == WinogradState.On)
        {
            Engine.Configure(EngineOptions.Default with { WinogradConvolutions = false });
            Assert.Equal(WinogradState.Off, Engine.Describe().Winograd);
            Engine.Configure(EngineOptions.Default);
        }
    }

    [Fact]
    public void WinogradEqualsTheDirectConvolutionUpToRounding()
    {
        using var x = Tensor.RandN([2, 64, 21, 26], seed: 1);
        using var w = Weight(80, 64, seed: 2);
        using var b = Tensor.RandN([80], seed: 3);
        foreach (var bias in new[] { b, null })
        {
            var direct = Convolve(x, w, bias, winograd: false);
            var winograd = Convolve(x, w, bias, winograd: true);
            var (maxDiff, maxAbs, differing) = Compare(winograd, direct);
            Assert.True(maxDiff <= 1e-5 * maxAbs, $"max difference {maxDiff} against max {maxAbs}");
            // Where it runs, another algorithm rounds differently somewhere among the 2 x 80 x 19 x 24 outputs.
            if (KernelsHere)
            {
                Assert.True(differing > 0, "Winograd gave bit-identical results: it did not run");
            }
            else
            {
                Assert.Equal(0, differing);
            }
        }
    }

    [Fact]
    public void WhereItDoesNotApplyTheResultIsTheDirectConvolutionBitForBit()
    {
        using var x = Tensor.RandN([1, 64, 12, 12], seed: 4);
        using var w = Weight(64, 64, seed: 5);
        using var narrow = Tensor.RandN([1, 16, 12, 12], seed: 6);
        using var narrowW = Weight(32, 16, seed: 7);
        Assert.Equal(Convolve(narrow, narrowW, null, false), Convolve(narrow, narrowW, null, true));
        Assert.Equal(Convolve(x, w, null, false, padding: 1), Convolve(x, w, null, true, padding: 1));

        // With a gradient wanted, autograd needs the direct convolution's backward.
        using var scope = TensorScope.Enter();
        var leaf = Tensor.RandN([1, 64, 12, 12], seed: 4).RequiresGrad_();
        var y = Functional.Conv2d(leaf, w);
        Assert.Equal(Convolve(x, w, null, false), y.Detach().ToArray<float>());
        y.Sum().Backward();
        Assert.NotNull(leaf.Grad());
    }

    [Fact]
    public void AWeightChangedInPlaceIsPackedAgain()
    {
        using var x = Tensor.RandN([1, 64, 10, 10], seed: 8);
        using var w = Weight(64, 64, seed: 9);
        var before = Convolve(x, w, null, winograd: true);
        w.Mul_(-2);
        var after = Convolve(x, w, null, winograd: true);
        var (maxDiff, maxAbs, _) = Compare(after, before.Select(v => -2 * v).ToArray());
        Assert.True(maxDiff <= 1e-5 * maxAbs, $"max difference {maxDiff} against max {maxAbs}: stale packed weights");
    }

    [Fact]
    public void EmptyCacheFreesThePackedWeightsOfDisposedTensors()
    {
        if (!KernelsHere)
        {
            return; // nothing is ever packed
        }
        using var x = Tensor.RandN([1, 256, 6, 6], seed: 16);
        Engine.EmptyCache();
        var before = Engine.AllocatorStatistics.InUseBytes;
        var w = Weight(256, 256, seed: 17);
        Convolve(x, w, null, winograd: true);
        w.Dispose();
        // The plain weight (2.4 MB) and its Winograd-domain copy are still held by the cache...
        Assert.True(Engine.AllocatorStatistics.InUseBytes - before > 256 * 256 * 9 * 4 * 2);
        Engine.EmptyCache();
        // ...until EmptyCache lets them go.
        Assert.True(Engine.AllocatorStatistics.InUseBytes - before < 256 * 256 * 9 * 4 / 2,
            $"{Engine.AllocatorStatistics.InUseBytes - before} bytes still in use");
    }

    [Fact]
    public void ANewWeightOfTheSameShapeIsNotMistakenForAnOldOne()
    {
        using var x = Tensor.RandN([1, 64, 10, 10], seed: 10);
        for (ulong seed = 11; seed < 15; seed++)
        {
            using var w = Weight(64, 64, seed);
            var (maxDiff, maxAbs, _) = Compare(Convolve(x, w, null, true), Convolve(x, w, null, false));
            Assert.True(maxDiff <= 1e-5 * maxAbs, $"weight {seed}: max difference {maxDiff} against max {maxAbs}");
        }
    }
}
