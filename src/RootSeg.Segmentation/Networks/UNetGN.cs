using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Networks;

/// <summary>
/// The U-Net with group normalisation of Smith et al. 2020, "Segmentation of roots in soil with U-Net"
/// (doi:10.1186/s13007-020-00563-0): the original U-Net (Ronneberger et al. 2015, doi:10.1007/978-3-319-24574-4_28)
/// layer for layer, with valid 3x3 convolutions, channels w-2w-4w-8w-16w (w = 64 in the paper), 2x2 max pooling,
/// 2x2 transposed-convolution up-sampling, crop-and-concatenate skips, ReLU then GroupNorm after every convolution
/// (Wu and He 2018, doi:10.1007/978-3-030-01261-8_1), and a 1x1 convolution to 2 classes followed by ReLU and
/// GroupNorm(2, 2). Convolution weights are He-initialised (doi:10.1109/ICCV.2015.123).
/// </summary>
/// <remarks>
/// The module tree and its names are those of the paper's code (conv_in, down1..down4, up1..up4, conv_out), so a
/// state dict saved there loads unchanged once the "module." prefix of torch.nn.DataParallel is removed. A 572x572
/// tile gives a 388x388 output (the tile's centre); <see cref="OutputSize"/> and <see cref="ValidInputSizes"/> give
/// the other sizes that fit. Height and width may differ; each must be a valid size.
/// </remarks>
public sealed partial class UNetGN : Module
{
    /// <summary>The paper's base width (channels of the first level).</summary>
    public const int PaperBaseWidth = 64;

    /// <summary>The paper's group count for every group norm except the output's.</summary>
    public const int PaperGroups = 32;

    /// <summary>Input channels (RGB).</summary>
    public const int InputChannels = 3;

    /// <summary>Output channels: background and root logits.</summary>
    public const int Classes = 2;

    private readonly Sequential _convIn;
    private readonly DownBlock[] _down;
    private readonly UpBlock[] _up;
    private readonly Sequential _convOut;

    /// <summary>
    /// Builds the network on <paramref name="device"/> (the CPU when null), drawing its initial weights from the
    /// default generator (<see cref="Engine.ManualSeed"/>) in the order PyTorch draws them for the paper's code, so
    /// that with the same seed the weights equal PyTorch's.
    /// </summary>
    /// <param name="baseWidth">Channels of the first level, w (the paper: 64); the levels have w, 2w, 4w, 8w, 16w.</param>
    /// <param name="groups">Groups of every group norm but the output's, which stays GroupNorm(2, 2) (the paper: 32); must divide <paramref name="baseWidth"/>.</param>
    /// <param name="device">Where the parameters live.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is not positive, or <paramref name="groups"/> does not divide <paramref name="baseWidth"/>.</exception>
    public UNetGN(int baseWidth = PaperBaseWidth, int groups = PaperGroups, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baseWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groups);
        if (baseWidth % groups != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"must divide the base width {baseWidth}");
        }
        BaseWidth = baseWidth;
        Groups = groups;
        long w = baseWidth;
        _convIn = RegisterModule("conv_in", new Sequential(
            new Conv2d(InputChannels, w, 3, device: device), new ReLU(inPlace: true), new GroupNorm(groups, w, device: device),
            new Conv2d(w, w, 3, device: device), new ReLU(inPlace: true), new GroupNorm(groups, w, device: device)));
        _down = new DownBlock[Levels];
        for (var i = 0; i < Levels; i++)
        {
            _down[i] = RegisterModule($"down{i + 1}", new DownBlock(w << i, groups, device));
        }
        _up = new UpBlock[Levels];
        for (var i = 0; i < Levels; i++)
        {
            _up[i] = RegisterModule($"up{i + 1}", new UpBlock(w << (Levels - i), groups, device));
        }
        _convOut = RegisterModule("conv_out", ConvStage.Valid(w, Classes, 1, Classes, device));
        HeInitialisation.Apply(this);
    }

    /// <summary>Channels of the first level.</summary>
    public int BaseWidth { get; }

    /// <summary>Groups of the hidden group norms.</summary>
    public int Groups { get; }

    /// <summary>
    /// Runs the network: (N, 3, H, W) to logits (N, 2, H - 184, W - 184) for valid H and W (572 to 388). The
    /// intermediates are disposed as soon as they are used (each skip tensor once its up level has read it), so the
    /// peak memory of inference is what the computation needs; with gradients on, autograd keeps what the backward
    /// pass needs.
    /// </summary>
    /// <param name="input">A float batch (N, 3, H, W) on the parameters' device; the paper scales pixels to [-0.5, 0.5].</param>
    /// <returns>A new tensor the caller owns (or the enclosing <see cref="TensorScope"/> disposes).</returns>
    /// <exception cref="ArgumentException">The input is not (N, 3, H, W) or H or W is not a valid input size.</exception>
    public override Tensor Forward(Tensor input)
    {
        CheckInput(input);
        using var scope = TensorScope.Enter();
        var skips = new Tensor[Levels];
        var x = _convIn.Forward(input);
        for (var i = 0; i < Levels; i++)
        {
            skips[i] = x;
            x = _down[i].Forward(x);
        }
        for (var i = 0; i < Levels; i++)
        {
            var skip = skips[Levels - 1 - i];
            var next = _up[i].Forward(x, skip);
            x.Dispose();
            skip.Dispose();
            x = next;
        }
        var logits = _convOut.Forward(x);
        x.Dispose();
        return scope.Keep(logits);
    }

    private static void CheckInput(Tensor input) => TileBatch.Check(input, InputChannels, IsValidInputSize,
        (axis, size) => $"the input {axis} {size} is not a valid U-Net input size; {NearestValid(size)}");
}
