using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Networks;

/// <summary>
/// He initialisation (He et al. 2015, doi:10.1109/ICCV.2015.123) as the paper's code applies it: kaiming_normal_
/// with its defaults (fan in, gain sqrt 2) on every convolution and transposed-convolution weight, visiting modules
/// in registration order as torch's Module.modules() does, so that with the same seed the draws equal PyTorch's.
/// </summary>
internal static class HeInitialisation
{
    public static void Apply(Module module)
    {
        foreach (var part in module.Modules())
        {
            switch (part)
            {
                case Conv2d conv:
                    Init.KaimingNormal_(conv.Weight);
                    break;
                case ConvTranspose2d up:
                    Init.KaimingNormal_(up.Weight);
                    break;
            }
        }
    }
}
