using RootSeg.Imaging.Randomness;

namespace RootSeg.Segmentation.Data;

/// <summary>
/// The paper's instance selection (Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant Methods
/// 16:13, doi:10.1186/s13007-020-00563-0, section "Instance selection"): at the start of each epoch, draw random
/// tiles from every mirror-padded training image and keep the first ones whose segmented centre holds root.
/// </summary>
/// <remarks>
/// As in the reference code, corners are x = round(U[0,1) x (padded width - input size)) (round half to even),
/// likewise y; all x are drawn before all y. A centre with unlabelled pixels but no root pixel is not a root tile.
/// Every draw comes from <see cref="SeededRandom.Derive"/>(seed, stream, epoch, image index), so an epoch's tiles
/// depend only on those and not on the order in which images are processed.
/// </remarks>
public sealed class InstanceSampler
{
    private const long Stream = 0x5A4D504C; // keeps sampling draws apart from augmentation draws of the same seed

    /// <summary>Creates a sampler.</summary>
    /// <param name="geometry">Tile sizes (the paper: 572 in, 388 out).</param>
    /// <param name="candidatesPerImage">Random tiles drawn per image and epoch (the paper: 90), at least 1.</param>
    /// <param name="maxPerImage">Root tiles kept per image at most (the paper: 40), at least 1.</param>
    public InstanceSampler(TileGeometry geometry, int candidatesPerImage = 90, int maxPerImage = 40)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentOutOfRangeException.ThrowIfLessThan(candidatesPerImage, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerImage, 1);
        Geometry = geometry;
        CandidatesPerImage = candidatesPerImage;
        MaxPerImage = maxPerImage;
    }

    /// <summary>Tile sizes.</summary>
    public TileGeometry Geometry { get; }

    /// <summary>Random tiles drawn per image and epoch.</summary>
    public int CandidatesPerImage { get; }

    /// <summary>Root tiles kept per image at most.</summary>
    public int MaxPerImage { get; }

    /// <summary>Selects one epoch's training tiles.</summary>
    /// <param name="images">Training images; each at least <see cref="TileGeometry.OutputSize"/> on each side.</param>
    /// <param name="seed">The run seed.</param>
    /// <param name="epoch">The epoch number, at least 0.</param>
    /// <returns>The kept windows, image by image, in draw order; images without root tiles contribute none.</returns>
    /// <exception cref="ArgumentException">An image is smaller than the output tile.</exception>
    public IReadOnlyList<TileWindow> Sample(IReadOnlyList<TrainingImage> images, ulong seed, int epoch)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        var windows = new List<TileWindow>();
        for (var i = 0; i < images.Count; i++)
        {
            windows.AddRange(SampleImage(images[i], i, seed, epoch));
        }
        return windows;
    }

    /// <summary>Selects one image's training tiles for one epoch (part of <see cref="Sample"/>).</summary>
    /// <param name="image">The image.</param>
    /// <param name="imageIndex">Its index in the training list: part of its random stream.</param>
    /// <param name="seed">The run seed.</param>
    /// <param name="epoch">The epoch number, at least 0.</param>
    public IReadOnlyList<TileWindow> SampleImage(TrainingImage image, int imageIndex, ulong seed, int epoch)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegative(imageIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        var output = Geometry.OutputSize;
        if (image.Width < output || image.Height < output)
        {
            throw new ArgumentException(
                $"{image.Stem}: {image.Width}x{image.Height} is smaller than the {output}x{output} output tile",
                nameof(image));
        }
        // Padded size minus input size = image size minus output size.
        var rightLimit = image.Width - output;
        var bottomLimit = image.Height - output;
        var random = SeededRandom.Derive(seed, Stream, epoch, imageIndex);
        var xs = new int[CandidatesPerImage];
        var ys = new int[CandidatesPerImage];
        for (var k = 0; k < xs.Length; k++)
        {
            xs[k] = (int)Math.Round(random.NextDouble() * rightLimit, MidpointRounding.ToEven);
        }
        for (var k = 0; k < ys.Length; k++)
        {
            ys[k] = (int)Math.Round(random.NextDouble() * bottomLimit, MidpointRounding.ToEven);
        }
        var kept = new List<TileWindow>();
        for (var k = 0; k < xs.Length && kept.Count < MaxPerImage; k++)
        {
            if (TileExtractor.HasRoot(image.Annotation, xs[k], ys[k], output))
            {
                kept.Add(new TileWindow(imageIndex, xs[k], ys[k]));
            }
        }
        return kept;
    }
}
