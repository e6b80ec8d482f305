using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Networks;

/// <summary>
/// One level of the U-Net's expanding path (Ronneberger et al. 2015, doi:10.1007/978-3-319-24574-4_28, figure 1):
/// a 2x2 up-convolution halving the channels, concatenation with the centre crop of the matching contracting-path
/// output (skip first, as in the paper's code, so that its weights apply unchanged), then two valid 3x3
/// convolution stages. Children "conv1", "conv2", "conv3" as in Smith et al. 2020 (doi:10.1186/s13007-020-00563-0).
/// </summary>
internal sealed class UpBlock : Module
{
    private readonly Sequential _conv1;
    private readonly Sequential _conv2;
    private readonly Sequential _conv3;

    /// <summary>A level taking <paramref name="channels"/> channels (and a skip of half as many) to half as many.</summary>
    public UpBlock(long channels, long groups, Device? device)
    {
        var half = channels / 2;
        _conv1 = RegisterModule("conv1", ConvStage.UpConvolution(channels, half, groups, device));
        _conv2 = RegisterModule("conv2", ConvStage.Valid(channels, half, 3, groups, device));
        _conv3 = RegisterModule("conv3", ConvStage.Valid(half, half, 3, groups, device));
    }

    /// <summary>An up block needs its skip tensor: call <see cref="Forward(Tensor, Tensor)"/>.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override Tensor Forward(Tensor input) =>
        throw new NotSupportedException("an up block needs the skip tensor: call Forward(input, skip)");

    /// <summary>
    /// (N, C, h, w) and a skip (N, C/2, H, W) with H &gt;= 2h, W &gt;= 2w to (N, C/2, 2h - 4, 2w - 4).
    /// </summary>
    public Tensor Forward(Tensor input, Tensor skip)
    {
        using var up = _conv1.Forward(input);
        using var cropped = CentreCrop(skip, up.Size(2), up.Size(3));
        using var joined = Functional.Cat([cropped, up], 1);
        using var hidden = _conv2.Forward(joined);
        return _conv3.Forward(hidden);
    }

    // Each axis takes its offset from its own difference. The paper's crop helper takes the height offset from the
    // width difference and vice versa; for inputs that pass UNetGN's size check that gives the same crop, because
    // skip and up-sampled sizes both scale as size / 2^level, so their difference is a constant of the level
    // (8, 32, 80, 176 pixels from the deepest level up), equal for height and width.
    private static Tensor CentreCrop(Tensor skip, long height, long width)
    {
        var top = (skip.Size(2) - height) / 2;
        var left = (skip.Size(3) - width) / 2;
        using var rows = skip.Narrow(2, top, height);
        return rows.Narrow(3, left, width);
    }
}
