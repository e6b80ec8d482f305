using RootSeg.Segmentation.Inference;
using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Tests.Inference;

/// <summary>Networks whose outputs are known in closed form, to check tiling and stitching exactly.</summary>
internal static class TestNetworks
{
    /// <summary>Logits (0, c) everywhere: root probability sigmoid(c) at every pixel.</summary>
    public sealed class Constant(double rootLogit, int shrink) : Module
    {
        public override Tensor Forward(Tensor input)
        {
            var shape = input.Shape;
            var background = Tensor.Zeros([shape[0], 1, shape[2] - shrink, shape[3] - shrink]);
            var root = Tensor.Full([shape[0], 1, shape[2] - shrink, shape[3] - shrink], rootLogit);
            return Functional.Cat([background, root], 1);
        }
    }

    /// <summary>
    /// Root logit = gain x (the input's red channel at the same place), the centre of the tile cut out as a valid
    /// convolution would: stitched, it reproduces the normalised photo wherever each tile's min-max scaling agrees.
    /// </summary>
    public sealed class CentreCrop(double gain, int shrink) : Module
    {
        public override Tensor Forward(Tensor input)
        {
            var shape = input.Shape;
            var margin = shrink / 2;
            var red = input.Narrow(1, 0, 1).Narrow(2, margin, shape[2] - shrink).Narrow(3, margin, shape[3] - shrink);
            var root = red.Mul(gain);
            var background = Tensor.Zeros(root.Shape);
            return Functional.Cat([background, root], 1);
        }
    }

    public static InferenceNetwork Wrap(Module module, int shrink, int nativeTile) =>
        new(module, shrink, nativeTile, s => s > shrink, Device.Cpu);
}
