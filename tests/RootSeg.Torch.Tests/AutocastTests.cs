using RootSeg.Torch;

namespace RootSeg.Torch.Tests;

public sealed class AutocastTests : LeakCheckedTest
{
    [Fact]
    public void ScopeTurnsCpuAutocastOnAndRestoresIt()
    {
        Assert.False(AutocastScope.IsEnabled(DeviceType.Cpu));
        using (AutocastScope.Enter(Device.Cpu))
        {
            Assert.True(AutocastScope.IsEnabled(DeviceType.Cpu));
            using (AutocastScope.Enter(Device.Cpu))
            {
                Assert.True(AutocastScope.IsEnabled(DeviceType.Cpu));
            }
            Assert.True(AutocastScope.IsEnabled(DeviceType.Cpu));
        }
        Assert.False(AutocastScope.IsEnabled(DeviceType.Cpu));
    }

    [Fact]
    public void Float16IsRefusedOnTheCpu()
    {
        var e = Assert.Throws<TorchException>(() => AutocastScope.Enter(Device.Cpu, ScalarType.Float16));
        Assert.Contains("bfloat16", e.Message);
        Assert.False(AutocastScope.IsEnabled(DeviceType.Cpu));
    }

    /// <summary>
    /// Where the products are summed in float32 (AVX-512 BF16 or AMX natively, oneDNN's emulation on AVX-512 without
    /// them, CUDA), bfloat16's 8 significant bits give a relative error of about 2^-8 per product, less over the 576
    /// of each output: within 2% of the largest output. Without AVX-512 libtorch 1.13 runs its own kernel, which
    /// rounds the running sum to bfloat16 as well: 0.198 of 5.08 (3.9%) on a Zen 3 and under
    /// ROOTSEG_MAX_CPU_ISA=avx2, so there the error must be that coarser one, within 8%.
    /// </summary>
    [Fact]
    [Trait("Category", "ProcessorDependent")]
    public void ConvolutionRunsInBFloat16WithTheRoundingOfThisProcessor()
    {
        using var scope = TensorScope.Enter();
        var x = Tensor.RandN([1, 64, 12, 12], seed: 1);
        var w = Tensor.RandN([64, 64, 3, 3], seed: 2).Mul(0.05);
        var exact = Functional.Conv2d(x, w);
        Tensor mixed;
        using (AutocastScope.Enter(Device.Cpu))
        {
            mixed = Functional.Conv2d(x, w);
        }
        Assert.Equal(ScalarType.BFloat16, mixed.DType);
        var error = mixed.To(ScalarType.Float32).Sub(exact).Abs().Max().Item();
        var scale = exact.Abs().Max().Item();
        Assert.True(error > 0, "the convolution did not run in bfloat16");
        if (ProcessorFeatures.BFloat16 == BFloat16Support.EmulatedByLibtorch)
        {
            Assert.True(error > 0.01 * scale && error < 0.08 * scale, $"largest error {error} of {scale}: not libtorch's bfloat16 sums");
        }
        else
        {
            Assert.True(error < 0.02 * scale, $"largest error {error} of {scale}");
        }
    }

    [Fact]
    public void TransposedConvolutionAndGroupNormKeepFloat32UnderCpuAutocast()
    {
        using var scope = TensorScope.Enter();
        var x = Tensor.RandN([2, 8, 5, 5], seed: 3);
        var w = Tensor.RandN([8, 4, 2, 2], seed: 4);
        var exactUp = Functional.ConvTranspose2d(x, w, stride: 2);
        var exactNorm = Functional.GroupNorm(x, 4);
        using (AutocastScope.Enter(Device.Cpu))
        {
            var up = Functional.ConvTranspose2d(x.To(ScalarType.BFloat16), w, stride: 2);
            Assert.Equal(ScalarType.Float32, up.DType);
            Assert.Equal([2, 4, 10, 10], up.Shape);
            Assert.True(up.AllClose(exactUp, rtol: 0.02, atol: 0.05));
            var norm = Functional.GroupNorm(x.To(ScalarType.BFloat16), 4);
            Assert.Equal(ScalarType.Float32, norm.DType);
            Assert.True(norm.AllClose(exactNorm, rtol: 0.02, atol: 0.02));
        }
    }
}
