using RootSeg.Segmentation.Networks;
using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Models;

/// <summary>Builds the network a <see cref="ModelDescription"/> names.</summary>
public static class NetworkFactory
{
    /// <summary>
    /// A new, He-initialised network of the described architecture and width on <paramref name="device"/>; the
    /// weights come from libtorch's default generator (seed it with <see cref="Engine.ManualSeed"/> for repeatable
    /// ones).
    /// </summary>
    /// <param name="description">Checked first.</param>
    /// <param name="device">Where its tensors live.</param>
    /// <exception cref="InvalidDataException">The description is inconsistent, or its tile sizes do not fit the network.</exception>
    public static Module Create(ModelDescription description, Device device)
    {
        ArgumentNullException.ThrowIfNull(description);
        description.Validate("model description");
        switch (description.Network)
        {
            case NetworkNames.UNetGN:
                if (!UNetGN.IsValidInputSize(description.InputTile)
                    || UNetGN.OutputSize(description.InputTile) != description.OutputTile)
                {
                    throw new InvalidDataException(
                        $"a {description.InputTile}-pixel input tile does not give a {description.OutputTile}-pixel output in {NetworkNames.UNetGN}");
                }
                return new UNetGN(description.BaseWidth, description.Groups, device);
            case NetworkNames.UNetSame:
                return new UNetSame(description.BaseWidth, description.Depth!.Value, description.Norm!, description.Groups,
                    description.Residual ?? false, (description.InputTile - description.OutputTile) / 2, device);
            case NetworkNames.ResNet18UNet:
                return new ResNetUNet(description.BaseWidth, description.EncoderBlocks!, (description.InputTile - description.OutputTile) / 2, device);
            default:
                throw new InvalidDataException($"unknown network '{description.Network}'");
        }
    }
}
