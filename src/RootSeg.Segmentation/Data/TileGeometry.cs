namespace RootSeg.Segmentation.Data;

/// <summary>
/// The sizes of the U-Net's square input tile and of the centre it segments, as in Smith et al. 2020,
/// "Segmentation of roots in soil with U-Net", Plant Methods 16:13 (doi:10.1186/s13007-020-00563-0): 572 in, 388 out,
/// so the image is mirror-padded by a margin of 92 on each side.
/// </summary>
public sealed record TileGeometry
{
    /// <summary>The paper's geometry: 572 in, 388 out.</summary>
    public static TileGeometry Paper { get; } = new(572, 388);

    /// <summary>Creates a geometry.</summary>
    /// <param name="inputSize">Input tile side in pixels, larger than <paramref name="outputSize"/>.</param>
    /// <param name="outputSize">Segmented centre side in pixels, at least 1; the difference must be even.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range or the margin would not be whole.</exception>
    public TileGeometry(int inputSize, int outputSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(inputSize, outputSize);
        if ((inputSize - outputSize) % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize,
                $"input size minus output size ({outputSize}) must be even");
        }
        InputSize = inputSize;
        OutputSize = outputSize;
    }

    /// <summary>Input tile side (572 in the paper).</summary>
    public int InputSize { get; }

    /// <summary>Output (segmented centre) side (388 in the paper).</summary>
    public int OutputSize { get; }

    /// <summary>Mirror padding on each side of the image, and the offset of the centre in the tile (92).</summary>
    public int Margin => (InputSize - OutputSize) / 2;
}
