using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Networks;
using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Inference;

/// <summary>Builds the untrained network a <see cref="ModelDescription"/> names, for <see cref="ModelFile.Load(string, ModelFile.NetworkBuilder, Device?, int)"/>.</summary>
public static class NetworkFactory
{
    /// <summary>
    /// The network of <paramref name="description"/>: <see cref="NetworkNames.UNetGN"/> is the U-Net with group norm
    /// of Smith et al. 2020 (doi:10.1186/s13007-020-0563-0), <see cref="UNetGN"/>.
    /// </summary>
    /// <param name="description">What to build.</param>
    /// <param name="device">Where its parameters live.</param>
    /// <exception cref="InvalidDataException">The architecture is unknown.</exception>
    public static Module Build(ModelDescription description, Device device)
    {
        ArgumentNullException.ThrowIfNull(description);
        return description.Network switch
        {
            NetworkNames.UNetGN => new UNetGN(description.BaseWidth, description.Groups, device),
            _ => throw new InvalidDataException($"unknown network '{description.Network}'"),
        };
    }
}
