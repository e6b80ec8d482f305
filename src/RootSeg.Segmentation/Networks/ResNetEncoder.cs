using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Networks;

/// <summary>
/// A ResNet encoder of basic blocks (He et al. 2016, "Deep residual learning for image recognition",
/// doi:10.1109/CVPR.2016.90, Table 1): a 7x7 stride-2 convolution with batch norm and ReLU, 3x3 stride-2 max pooling,
/// and four stages of <see cref="ResNetBasicBlock"/>s of w, 2w, 4w and 8w channels (w = 64), the last three starting
/// with stride 2; the classifier is left out. ResNet-18 has two blocks per stage; the ImageNet ResNet-18 that RootSeg
/// ships (<see cref="ImageNetResNet18"/>) has three in its last stage. <see cref="Features"/> returns the five feature maps at strides 2, 4, 8, 16
/// and 32 that a U-Net decoder joins, as segmentation_models_pytorch's encoders do. Names follow torchvision
/// (conv1, bn1, layer1.0.conv1, ...), so weights move to and from PyTorch unchanged.
/// </summary>
/// <remarks>
/// The input is a U-Net tile scaled to [-0.5, 0.5] (<see cref="Models.TileNormalisation"/>); the encoder first brings
/// it to the convention its ImageNet weights were trained with (<see cref="InputConvention"/>): channels in BGR order,
/// 0 to 255, minus the per-channel mean kept in the buffer "input_mean" (BGR). The reference export pads its strided
/// layers unequally (7x7: 3 before, 2 after; 3x3: 1 before, 0 after); on even sizes, the only ones a U-Net tile gives
/// (multiples of 32), that selects the same windows as equal padding of the "before" amount, which is what runs here.
/// </remarks>
public sealed class ResNetEncoder : Module
{
    /// <summary>The input convention of <see cref="Forward"/>'s first convolution, recorded in model files.</summary>
    public const string InputConvention = "bgr-0-255-minus-input_mean";

    /// <summary>
    /// The per-channel means (B, G, R) of the mean image that the ImageNet ResNet-18 of
    /// Microsoft.ML.DnnImageFeaturizer.ResNet18 subtracts (ResNetPreprocess.onnx, "MeanImage", 224x224 averaged per
    /// channel); the "input_mean" buffer starts with them. A test recomputes them from that file.
    /// </summary>
    public static IReadOnlyList<float> ImageNetMeanBgr { get; } = [103.06262f, 115.902885f, 123.151634f];

    private readonly Tensor _inputMean;
    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _bn1;
    private readonly Sequential[] _layers;

    /// <summary>Builds the encoder on <paramref name="device"/> (the CPU when null), He-initialised.</summary>
    /// <param name="width">Channels of the stem and first stage, w (64 for ResNet-18).</param>
    /// <param name="blocks">Blocks in each of the four stages (2, 2, 2, 2 for ResNet-18).</param>
    /// <param name="device">Where the parameters live.</param>
    /// <exception cref="ArgumentOutOfRangeException">The width is not positive, or the stages are not four of at least one block.</exception>
    public ResNetEncoder(int width, IReadOnlyList<int> blocks, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Count != 4 || blocks.Any(b => b < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(blocks), $"[{string.Join(", ", blocks)}]: four stages of at least one block each");
        }
        Width = width;
        Blocks = [.. blocks];
        _inputMean = RegisterBuffer("input_mean", Tensor.FromArray([.. ImageNetMeanBgr], [3], device));
        _conv1 = RegisterModule("conv1", new Conv2d(3, width, 7, stride: 2, padding: 3, bias: false, device: device));
        _bn1 = RegisterModule("bn1", new BatchNorm2d(width, device: device));
        _layers = new Sequential[4];
        long channels = width;
        for (var stage = 0; stage < 4; stage++)
        {
            long outChannels = (long)width << stage;
            var layer = new Sequential();
            for (var block = 0; block < blocks[stage]; block++)
            {
                var stride = stage > 0 && block == 0 ? 2 : 1;
                layer.Append(new ResNetBasicBlock(channels, outChannels, stride, device));
                channels = outChannels;
            }
            _layers[stage] = RegisterModule($"layer{stage + 1}", layer);
        }
        HeInitialisation.Apply(this);
    }

    /// <summary>Channels of the stem and the first stage.</summary>
    public int Width { get; }

    /// <summary>Blocks in each of the four stages.</summary>
    public IReadOnlyList<int> Blocks { get; }

    /// <summary>Channels of the five feature maps of <see cref="Features"/>: w, w, 2w, 4w, 8w.</summary>
    public IReadOnlyList<int> FeatureChannels => [Width, Width, 2 * Width, 4 * Width, 8 * Width];

    /// <summary>
    /// The parts of the encoder in input order, for freezing the earliest: the stem (conv1, bn1) and the four stages.
    /// </summary>
    public IReadOnlyList<Module> Stages => [_conv1, _bn1, .. _layers];

    /// <summary>Runs the encoder and returns the deepest feature map (stride 32).</summary>
    public override Tensor Forward(Tensor input)
    {
        var features = Features(input);
        for (var i = 0; i < features.Length - 1; i++)
        {
            features[i].Dispose();
        }
        return features[^1];
    }

    /// <summary>
    /// The feature maps at strides 2 (after the stem's ReLU), 4, 8, 16 and 32 (after each stage), for (N, 3, H, W)
    /// tiles scaled to [-0.5, 0.5], H and W multiples of 32.
    /// </summary>
    /// <param name="input">A float batch on the parameters' device.</param>
    /// <returns>Five new tensors the caller owns.</returns>
    /// <exception cref="ArgumentException">The input is not (N, 3, H, W) with H and W multiples of 32.</exception>
    public Tensor[] Features(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = input.Shape;
        if (shape.Length != 4 || shape[1] != 3 || shape[2] % 32 != 0 || shape[3] % 32 != 0 || shape[2] == 0 || shape[3] == 0)
        {
            throw new ArgumentException(
                $"expected a batch (N, 3, H, W) with H and W multiples of 32, not a tensor of shape [{string.Join(", ", shape)}]",
                nameof(input));
        }
        using var scope = TensorScope.Enter();
        var features = new Tensor[5];
        Tensor stem;
        using (var adapted = Adapt(input))
        using (var convolved = _conv1.Forward(adapted))
        {
            stem = _bn1.Forward(convolved);
        }
        Functional.ReluInPlace(stem).Dispose();
        features[0] = stem;
        using (var pooled = Functional.MaxPool2d(stem, 3, 2, 1))
        {
            features[1] = _layers[0].Forward(pooled);
        }
        for (var stage = 1; stage < 4; stage++)
        {
            features[stage + 1] = _layers[stage].Forward(features[stage]);
        }
        return [.. features.Select(scope.Keep)];
    }

    // x in [-0.5, 0.5], RGB -> 255 (x + 0.5) - mean, BGR.
    private Tensor Adapt(Tensor input)
    {
        using var scope = TensorScope.Enter();
        var bgr = input.Flip(1);
        bgr.Mul_(255);
        using var shift = _inputMean.Neg().Add(127.5).To(input.DType).Reshape(1, 3, 1, 1);
        bgr.Add_(shift);
        return scope.Keep(bgr);
    }
}
