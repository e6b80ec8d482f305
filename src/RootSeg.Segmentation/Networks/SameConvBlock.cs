using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Networks;

/// <summary>
/// Two same-padded 3x3 convolutions, each followed by a normalisation layer and ReLU; with <c>residual</c>, the
/// block's input (through a 1x1 convolution and normalisation where the channel count changes) is added before the
/// second ReLU, as in the pre-activation-free residual block of He et al. 2016 (doi:10.1109/CVPR.2016.90).
/// </summary>
internal sealed class SameConvBlock : Module
{
    private readonly Conv2d _conv1;
    private readonly Module _norm1;
    private readonly Conv2d _conv2;
    private readonly Module _norm2;
    private readonly Sequential? _shortcut;
    private readonly bool _residual;

    public SameConvBlock(long inChannels, long outChannels, string norm, long groups, bool residual, Device? device)
    {
        // No convolution bias: the normalisation that follows removes any constant shift.
        _conv1 = RegisterModule("conv1", new Conv2d(inChannels, outChannels, 3, padding: 1, bias: false, device: device));
        _norm1 = RegisterModule("norm1", Norm(norm, outChannels, groups, device));
        _conv2 = RegisterModule("conv2", new Conv2d(outChannels, outChannels, 3, padding: 1, bias: false, device: device));
        _norm2 = RegisterModule("norm2", Norm(norm, outChannels, groups, device));
        _residual = residual;
        if (residual && inChannels != outChannels)
        {
            _shortcut = RegisterModule("shortcut", new Sequential(
                new Conv2d(inChannels, outChannels, 1, bias: false, device: device), Norm(norm, outChannels, groups, device)));
        }
    }

    public static Module Norm(string kind, long channels, long groups, Device? device) => kind switch
    {
        NormKind.Batch => new BatchNorm2d(channels, device: device),
        NormKind.Group => new GroupNorm(groups, channels, device: device),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"unknown normalisation (known: {string.Join(", ", NormKind.All)})"),
    };

    public override Tensor Forward(Tensor input)
    {
        using var scope = TensorScope.Enter();
        // Each convolution's output goes as soon as its norm has read it (autograd keeps what backward needs).
        Tensor x;
        using (var convolved = _conv1.Forward(input))
        {
            x = _norm1.Forward(convolved);
        }
        Functional.ReluInPlace(x).Dispose();
        using (var convolved = _conv2.Forward(x))
        {
            x.Dispose();
            x = _norm2.Forward(convolved);
        }
        if (_residual)
        {
            x.Add_(_shortcut is null ? input : _shortcut.Forward(input));
        }
        Functional.ReluInPlace(x).Dispose();
        return scope.Keep(x);
    }
}
