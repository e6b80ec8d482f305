using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Networks;

/// <summary>
/// The unit the paper's U-Net repeats: a convolution, ReLU, then group norm, as one <see cref="Sequential"/> whose
/// children are named "0", "1", "2" so that state-dict keys read "conv1.0.weight", "conv1.2.bias" as in the paper's
/// code (Smith et al. 2020, doi:10.1186/s13007-020-00563-0).
/// </summary>
internal static class ConvStage
{
    /// <summary>A valid (unpadded) <paramref name="kernelSize"/> convolution, ReLU, GroupNorm(<paramref name="groups"/>).</summary>
    public static Sequential Valid(long inChannels, long outChannels, long kernelSize, long groups, Device? device) =>
        new(new Conv2d(inChannels, outChannels, kernelSize, device: device), new ReLU(inPlace: true),
            new GroupNorm(groups, outChannels, device: device));

    /// <summary>A 2x2 transposed convolution with stride 2 (doubling height and width), ReLU, GroupNorm(<paramref name="groups"/>).</summary>
    public static Sequential UpConvolution(long inChannels, long outChannels, long groups, Device? device) =>
        new(new ConvTranspose2d(inChannels, outChannels, 2, stride: 2, device: device), new ReLU(inPlace: true),
            new GroupNorm(groups, outChannels, device: device));
}
