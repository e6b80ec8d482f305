using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Networks;

/// <summary>
/// A U-Net with same-padded convolutions (every level keeps its size), the design that SegRoot (Wang et al. 2019,
/// doi:10.1016/j.compag.2019.05.017) and RootPainter (Smith et al. 2022, doi:10.1111/nph.18387) use instead of the
/// valid convolutions of the paper's <see cref="UNetGN"/>: levels of w, 2w, 4w, ... channels, each two 3x3
/// convolutions with normalisation and ReLU (optionally residual), 2x2 max pooling, 2x2 transposed-convolution
/// up-sampling, concatenated skips without cropping, and a 1x1 convolution to 2 classes. Convolution weights are
/// He-initialised (doi:10.1109/ICCV.2015.123).
/// </summary>
/// <remarks>
/// Zero padding makes the outermost pixels of a tile less reliable, so the output is the centre of the input, a
/// margin of <see cref="Margin"/> pixels cut from every side (RootPainter's network: 572 in, 500 out). That keeps the
/// tiling of training and inference the same as for <see cref="UNetGN"/> while wasting far less of each tile: a
/// 572 tile gives 500x500 outputs instead of 388x388. Inputs must be multiples of 2^depth larger than twice the margin.
/// </remarks>
public sealed class UNetSame : Module
{
    /// <summary>Input channels (RGB).</summary>
    public const int InputChannels = 3;

    /// <summary>Output channels: background and root logits.</summary>
    public const int Classes = 2;

    private readonly SameConvBlock[] _encoder;
    private readonly ConvTranspose2d[] _upsample;
    private readonly SameConvBlock[] _decoder;
    private readonly Conv2d _out;

    /// <summary>
    /// Builds the network on <paramref name="device"/> (the CPU when null), He-initialised from the default generator
    /// (<see cref="Engine.ManualSeed"/>).
    /// </summary>
    /// <param name="baseWidth">Channels of the first level, w; level k has w * 2^k.</param>
    /// <param name="depth">Poolings (1 to 6); the network has depth + 1 levels.</param>
    /// <param name="norm">A <see cref="NormKind"/> name.</param>
    /// <param name="groups">Groups of each group norm (used only with <see cref="NormKind.Group"/>; must divide w).</param>
    /// <param name="residual">Residual convolution blocks.</param>
    /// <param name="margin">Pixels cut from each side of the output (0 or more).</param>
    /// <param name="device">Where the parameters live.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range or <paramref name="norm"/> is unknown.</exception>
    public UNetSame(int baseWidth, int depth, string norm, int groups, bool residual, int margin, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baseWidth);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, 6);
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        if (!NormKind.IsKnown(norm))
        {
            throw new ArgumentOutOfRangeException(nameof(norm), norm, $"unknown normalisation (known: {string.Join(", ", NormKind.All)})");
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groups);
        if (norm == NormKind.Group && baseWidth % groups != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"must divide the base width {baseWidth}");
        }
        (BaseWidth, Depth, Norm, Groups, Residual, Margin) = (baseWidth, depth, norm, groups, residual, margin);
        _encoder = new SameConvBlock[depth + 1];
        long channels = InputChannels;
        for (var level = 0; level <= depth; level++)
        {
            long width = (long)baseWidth << level;
            _encoder[level] = RegisterModule($"enc{level}", new SameConvBlock(channels, width, norm, groups, residual, device));
            channels = width;
        }
        _upsample = new ConvTranspose2d[depth];
        _decoder = new SameConvBlock[depth];
        for (var level = depth - 1; level >= 0; level--)
        {
            long width = (long)baseWidth << level;
            _upsample[level] = RegisterModule($"up{level}", new ConvTranspose2d(2 * width, width, 2, stride: 2, device: device));
            _decoder[level] = RegisterModule($"dec{level}", new SameConvBlock(2 * width, width, norm, groups, residual, device));
        }
        _out = RegisterModule("out", new Conv2d(baseWidth, Classes, 1, device: device));
        HeInitialisation.Apply(this);
    }

    /// <summary>Channels of the first level.</summary>
    public int BaseWidth { get; }

    /// <summary>Poolings.</summary>
    public int Depth { get; }

    /// <summary>The <see cref="NormKind"/>.</summary>
    public string Norm { get; }

    /// <summary>Groups of each group norm.</summary>
    public int Groups { get; }

    /// <summary>Whether the blocks are residual.</summary>
    public bool Residual { get; }

    /// <summary>Pixels cut from each side of the output.</summary>
    public int Margin { get; }

    /// <summary>Whether an input side of <paramref name="size"/> passes: a multiple of 2^depth larger than twice the margin.</summary>
    public bool IsValidInputSize(int size) => IsValidInputSize(size, Depth, Margin);

    /// <summary>Whether an input side passes a network of this depth and margin.</summary>
    public static bool IsValidInputSize(int size, int depth, int margin) => size > 2 * margin && size % (1 << depth) == 0;

    /// <summary>
    /// Runs the network: (N, 3, H, W) to logits (N, 2, H - 2 margin, W - 2 margin). Intermediates are disposed as
    /// soon as they are used.
    /// </summary>
    /// <param name="input">A float batch on the parameters' device, pixels scaled to [-0.5, 0.5].</param>
    /// <returns>A new tensor the caller owns.</returns>
    /// <exception cref="ArgumentException">The input is not (N, 3, H, W) with valid H and W.</exception>
    public override Tensor Forward(Tensor input)
    {
        CheckInput(input);
        using var scope = TensorScope.Enter();
        var skips = new Tensor[Depth];
        var x = _encoder[0].Forward(input);
        for (var level = 1; level <= Depth; level++)
        {
            skips[level - 1] = x;
            using var pooled = Functional.MaxPool2d(x, 2);
            x = _encoder[level].Forward(pooled);
        }
        for (var level = Depth - 1; level >= 0; level--)
        {
            using var up = _upsample[level].Forward(x);
            x.Dispose();
            using var joined = Functional.Cat([skips[level], up], 1);
            skips[level].Dispose();
            x = _decoder[level].Forward(joined);
        }
        var logits = _out.Forward(x);
        x.Dispose();
        return scope.Keep(Margin == 0 ? logits : TileBatch.CropMargin(logits, Margin));
    }

    private void CheckInput(Tensor input) => TileBatch.Check(input, InputChannels, IsValidInputSize,
        (axis, size) => $"the input {axis} {size} must be a multiple of {1 << Depth} larger than {2 * Margin}");
}
