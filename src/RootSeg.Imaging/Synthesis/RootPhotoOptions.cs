namespace RootSeg.Imaging.Synthesis;

/// <summary>
/// What <see cref="RootPhotoSynthesizer"/> draws: picture size, how many roots and how wide, how often they
/// branch, the soil colours, how many hard negatives (pebbles, scratches), camera blur and noise, and the seed.
/// The defaults give 512x512 minirhizotron-like photos with roughly 1.5% to 7% root pixels; root lengths grow with
/// the picture but widths do not, so much smaller pictures need fewer roots (256x256: up to about 10%).
/// </summary>
/// <remarks>
/// The look follows minirhizotron photos as used by Smith et al. 2020, "Segmentation of roots in soil with U-Net",
/// Plant Methods 16:13, doi:10.1186/s13007-020-00563-0: roots lighter than the soil, seen through scratched glass.
/// Call <see cref="Validate"/> (the synthesizer does) to reject impossible settings with the property named.
/// </remarks>
public sealed record RootPhotoOptions
{
    /// <summary>
    /// The largest width or height accepted: above the 4608-pixel photos of the paper, and small enough that a typo
    /// cannot ask for more than a few gigabytes of working memory (about 50 bytes per pixel while drawing).
    /// </summary>
    public const int MaxSide = 8192;

    /// <summary>Picture width in pixels, 1 to <see cref="MaxSide"/>.</summary>
    public int Width { get; init; } = 512;

    /// <summary>Picture height in pixels, 1 to <see cref="MaxSide"/>.</summary>
    public int Height { get; init; } = 512;

    /// <summary>Fewest primary roots (laterals come on top), at least 0.</summary>
    public int MinRoots { get; init; } = 3;

    /// <summary>Most primary roots, at least <see cref="MinRoots"/> and at most 1000.</summary>
    public int MaxRoots { get; init; } = 6;

    /// <summary>Narrowest root diameter in pixels (tips and fine laterals taper to it), in [1, 64].</summary>
    public double MinRootWidth { get; init; } = 2.0;

    /// <summary>Widest root diameter in pixels (the base of the thickest primaries), in [<see cref="MinRootWidth"/>, 64].</summary>
    public double MaxRootWidth { get; init; } = 7.0;

    /// <summary>Chance that a lateral root starts along any 10 pixels of a root's centre line, in [0, 1].</summary>
    public double BranchProbability { get; init; } = 0.06;

    /// <summary>
    /// Soil colours (at least two); each photo mixes two of them with multi-octave noise. Keep them darker than
    /// roots (luma below about 130) for a realistic photo.
    /// </summary>
    public IReadOnlyList<RgbColor> SoilPalette { get; init; } =
    [
        new(58, 46, 44), new(72, 58, 52), new(84, 66, 56), new(50, 44, 44), new(92, 74, 62), new(66, 54, 50),
    ];

    /// <summary>Pebbles (grey shaded ellipses, hard negatives) per photo, 0 to 10000.</summary>
    public int PebbleCount { get; init; } = 5;

    /// <summary>Scratches on the glass (thin long light lines, hard negatives) per photo, 0 to 10000.</summary>
    public int ScratchCount { get; init; } = 4;

    /// <summary>Standard deviation in pixels of the Gaussian lens blur, in [0, 10]; 0 turns it off.</summary>
    public double BlurSigma { get; init; } = 0.6;

    /// <summary>Standard deviation of the sensor noise in grey levels (0 to 255), in [0, 64]; 0 turns it off.</summary>
    public double NoiseSigma { get; init; } = 3.0;

    /// <summary>How much darker the corners are than the centre, as a fraction in [0, 0.9].</summary>
    public double Vignette { get; init; } = 0.2;

    /// <summary>Seed of every random choice: equal options give byte-identical photos.</summary>
    public int Seed { get; init; }

    /// <summary>Checks every setting.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of its range; the property is named.</exception>
    /// <exception cref="ArgumentException">The palette is missing or too short.</exception>
    public void Validate()
    {
        InRange(Width, 1, MaxSide, nameof(Width));
        InRange(Height, 1, MaxSide, nameof(Height));
        InRange(MinRoots, 0, 1000, nameof(MinRoots));
        InRange(MaxRoots, MinRoots, 1000, nameof(MaxRoots));
        InRange(MinRootWidth, 1.0, 64.0, nameof(MinRootWidth));
        InRange(MaxRootWidth, MinRootWidth, 64.0, nameof(MaxRootWidth));
        InRange(BranchProbability, 0.0, 1.0, nameof(BranchProbability));
        InRange(PebbleCount, 0, 10000, nameof(PebbleCount));
        InRange(ScratchCount, 0, 10000, nameof(ScratchCount));
        InRange(BlurSigma, 0.0, 10.0, nameof(BlurSigma));
        InRange(NoiseSigma, 0.0, 64.0, nameof(NoiseSigma));
        InRange(Vignette, 0.0, 0.9, nameof(Vignette));
        if (SoilPalette is null || SoilPalette.Count < 2)
        {
            throw new ArgumentException("the soil palette needs at least two colours", nameof(SoilPalette));
        }
    }

    private static void InRange(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"must be in [{min}, {max}]");
        }
    }

    private static void InRange(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(name, value, $"must be in [{min}, {max}]");
        }
    }
}
