using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Networks;

/// <summary>
/// One level of the U-Net's contracting path (Ronneberger et al. 2015, doi:10.1007/978-3-319-24574-4_28, figure 1):
/// 2x2 max pooling, then two valid 3x3 convolution stages that double the channels. Children "pool", "conv1" and
/// "conv2" as in the paper's code (Smith et al. 2020, doi:10.1186/s13007-020-00563-0).
/// </summary>
internal sealed class DownBlock : Module
{
    private readonly MaxPool2d _pool;
    private readonly Sequential _conv1;
    private readonly Sequential _conv2;

    /// <summary>A level taking <paramref name="channels"/> channels to twice as many.</summary>
    public DownBlock(long channels, long groups, Device? device)
    {
        _pool = RegisterModule("pool", new MaxPool2d(2));
        _conv1 = RegisterModule("conv1", ConvStage.Valid(channels, 2 * channels, 3, groups, device));
        _conv2 = RegisterModule("conv2", ConvStage.Valid(2 * channels, 2 * channels, 3, groups, device));
    }

    /// <summary>(N, C, H, W) with even H and W to (N, 2C, H/2 - 4, W/2 - 4).</summary>
    public override Tensor Forward(Tensor input)
    {
        using var pooled = _pool.Forward(input);
        using var hidden = _conv1.Forward(pooled);
        return _conv2.Forward(hidden);
    }
}
