using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Networks;

/// <summary>
/// A U-Net (Ronneberger et al. 2015, doi:10.1007/978-3-319-24574-4_28) whose encoder is a ResNet (He et al. 2016,
/// doi:10.1109/CVPR.2016.90; <see cref="ResNetEncoder"/>), the ImageNet ResNet-18 of <see cref="ImageNetResNet18"/>'s layout, so that the encoder can start from ImageNet weights
/// (transfer learning, as in Iglovikov and Shvets 2018, TernausNet, arXiv:1801.05746): the decoder design that
/// segmentation_models_pytorch made standard. Five decoder blocks each double the size by nearest-neighbour
/// up-sampling, join the encoder's feature map of that stride (16, 8, 4, 2; none at full size) and apply two same-padded
/// 3x3 convolutions with batch norm and ReLU, with 4w, 2w, w, w/2 and w/4 channels (256 to 16 for w = 64); a 3x3
/// convolution gives the 2 class logits.
/// </summary>
/// <remarks>
/// As <see cref="UNetSame"/>, the output is the centre of the input less a margin on every side, so that training
/// and inference tile photos the same way for every network. Inputs must be multiples of 32 larger than twice the
/// margin.
/// </remarks>
public sealed class ResNetUNet : Module
{
    /// <summary>Input channels (RGB).</summary>
    public const int InputChannels = 3;

    /// <summary>Output channels: background and root logits.</summary>
    public const int Classes = 2;

    /// <summary>The encoder's output stride: input sides must be multiples of it.</summary>
    public const int Stride = 32;

    private readonly ResNetEncoder _encoder;
    private readonly SameConvBlock[] _decoder;
    private readonly Conv2d _head;

    /// <summary>Builds the network on <paramref name="device"/> (the CPU when null), He-initialised.</summary>
    /// <param name="width">The encoder's width w (64 for ResNet-18); a multiple of 4.</param>
    /// <param name="blocks">The encoder's blocks per stage (<see cref="ImageNetResNet18.Blocks"/> for the ImageNet weights).</param>
    /// <param name="margin">Pixels cut from each side of the output (0 or more).</param>
    /// <param name="device">Where the parameters live.</param>
    /// <exception cref="ArgumentOutOfRangeException">The width is not a positive multiple of 4, or the margin is negative.</exception>
    public ResNetUNet(int width, IReadOnlyList<int> blocks, int margin, Device? device = null)
    {
        if (width < 4 || width % 4 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "must be a positive multiple of 4");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        (Width, Margin) = (width, margin);
        _encoder = RegisterModule("encoder", new ResNetEncoder(width, blocks, device));
        var skips = _encoder.FeatureChannels;
        int[] widths = [4 * width, 2 * width, width, width / 2, width / 4];
        _decoder = new SameConvBlock[widths.Length];
        long channels = skips[^1];
        for (var i = 0; i < widths.Length; i++)
        {
            // Block i joins the feature map of stride 16 / 2^i (index 3 - i); the last block has none.
            long skip = i < widths.Length - 1 ? skips[3 - i] : 0;
            _decoder[i] = RegisterModule($"decoder{i + 1}",
                new SameConvBlock(channels + skip, widths[i], NormKind.Batch, 1, false, device));
            channels = widths[i];
        }
        _head = RegisterModule("head", new Conv2d(channels, Classes, 3, padding: 1, device: device));
        // The encoder initialised itself.
        foreach (var block in _decoder)
        {
            HeInitialisation.Apply(block);
        }
        HeInitialisation.Apply(_head);
    }

    /// <summary>The encoder's width w.</summary>
    public int Width { get; }

    /// <summary>Pixels cut from each side of the output.</summary>
    public int Margin { get; }

    /// <summary>The ResNet-18 encoder (for loading pretrained weights and freezing).</summary>
    public ResNetEncoder Encoder => _encoder;

    /// <summary>Whether an input side of <paramref name="size"/> passes: a multiple of 32 larger than twice the margin.</summary>
    public bool IsValidInputSize(int size) => IsValidInputSize(size, Margin);

    /// <summary>Whether an input side passes a network with this margin.</summary>
    public static bool IsValidInputSize(int size, int margin) => size > 2 * margin && size % Stride == 0;

    /// <summary>
    /// Runs the network: (N, 3, H, W) tiles scaled to [-0.5, 0.5] to logits (N, 2, H - 2 margin, W - 2 margin).
    /// </summary>
    /// <param name="input">A float batch on the parameters' device.</param>
    /// <returns>A new tensor the caller owns.</returns>
    /// <exception cref="ArgumentException">The input is not (N, 3, H, W) with valid H and W.</exception>
    public override Tensor Forward(Tensor input)
    {
        CheckInput(input);
        using var scope = TensorScope.Enter();
        var features = _encoder.Features(input);
        var x = features[4];
        for (var i = 0; i < _decoder.Length; i++)
        {
            using var up = Functional.Interpolate(x, 2.0, 2.0);
            x.Dispose();
            if (i < _decoder.Length - 1)
            {
                var skip = features[3 - i];
                using var joined = Functional.Cat([up, skip], 1);
                skip.Dispose();
                x = _decoder[i].Forward(joined);
            }
            else
            {
                x = _decoder[i].Forward(up);
            }
        }
        var logits = _head.Forward(x);
        x.Dispose();
        return scope.Keep(Margin == 0 ? logits : TileBatch.CropMargin(logits, Margin));
    }

    private void CheckInput(Tensor input) => TileBatch.Check(input, InputChannels, IsValidInputSize,
        (axis, size) => $"the input {axis} {size} must be a multiple of {Stride} larger than {2 * Margin}");
}
