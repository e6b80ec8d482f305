using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Networks;

/// <summary>
/// The basic residual block of ResNet-18 and -34 (He et al. 2016, "Deep residual learning for image recognition",
/// doi:10.1109/CVPR.2016.90, Fig. 2 left): two 3x3 convolutions with batch norm, ReLU between them, the input added
/// before the last ReLU, through a strided 1x1 convolution and batch norm (option B of section 3.3) where the size
/// or width changes. Names follow torchvision: conv1, bn1, conv2, bn2, downsample.0, downsample.1.
/// </summary>
internal sealed class ResNetBasicBlock : Module
{
    private readonly Conv2d _conv1;
    private readonly BatchNorm2d _bn1;
    private readonly Conv2d _conv2;
    private readonly BatchNorm2d _bn2;
    private readonly Sequential? _downsample;

    public ResNetBasicBlock(long inChannels, long outChannels, long stride, Device? device)
    {
        _conv1 = RegisterModule("conv1", new Conv2d(inChannels, outChannels, 3, stride, padding: 1, bias: false, device: device));
        _bn1 = RegisterModule("bn1", new BatchNorm2d(outChannels, device: device));
        _conv2 = RegisterModule("conv2", new Conv2d(outChannels, outChannels, 3, padding: 1, bias: false, device: device));
        _bn2 = RegisterModule("bn2", new BatchNorm2d(outChannels, device: device));
        if (stride != 1 || inChannels != outChannels)
        {
            _downsample = RegisterModule("downsample", new Sequential(
                new Conv2d(inChannels, outChannels, 1, stride, bias: false, device: device),
                new BatchNorm2d(outChannels, device: device)));
        }
    }

    public override Tensor Forward(Tensor input)
    {
        using var scope = TensorScope.Enter();
        Tensor x;
        using (var convolved = _conv1.Forward(input))
        {
            x = _bn1.Forward(convolved);
        }
        Functional.ReluInPlace(x).Dispose();
        using (var convolved = _conv2.Forward(x))
        {
            x.Dispose();
            x = _bn2.Forward(convolved);
        }
        if (_downsample is null)
        {
            x.Add_(input);
        }
        else
        {
            using var shortcut = _downsample.Forward(input);
            x.Add_(shortcut);
        }
        Functional.ReluInPlace(x).Dispose();
        return scope.Keep(x);
    }
}
