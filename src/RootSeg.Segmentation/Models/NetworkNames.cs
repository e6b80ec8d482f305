namespace RootSeg.Segmentation.Models;

/// <summary>Names of the network architectures a model file can describe.</summary>
public static class NetworkNames
{
    /// <summary>
    /// The U-Net with Group Norm of Smith et al. 2020 (doi:10.1186/s13007-020-00563-0), after Ronneberger et al. 2015
    /// (doi:10.1007/978-3-319-24574-4_28).
    /// </summary>
    public const string UNetGN = "unet-gn";

    /// <summary>
    /// A U-Net with same-padded convolutions, chosen width, depth, normalisation and residual blocks, whose output
    /// is the input's centre (<see cref="Networks.UNetSame"/>).
    /// </summary>
    public const string UNetSame = "unet-same";

    /// <summary>
    /// A U-Net whose encoder is ResNet-18, which can start from ImageNet weights (<see cref="Networks.ResNetUNet"/>).
    /// </summary>
    public const string ResNet18UNet = "resnet18-unet";

    /// <summary>Every known name.</summary>
    public static IReadOnlyList<string> All { get; } = [UNetGN, UNetSame, ResNet18UNet];

    /// <summary>Whether <paramref name="name"/> is a known architecture (exact, case-sensitive).</summary>
    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);
}
