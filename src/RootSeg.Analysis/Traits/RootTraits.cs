namespace RootSeg.Analysis.Traits;

/// <summary>
/// Root traits of one image, after RhizoVision Explorer's "broken roots" set (Seethepalli et al. 2021, "RhizoVision
/// Explorer: open-source software for root image analysis and measurement standardization", AoB PLANTS 13:plab056,
/// doi:10.1093/aobpla/plab056), plus the skeleton pixel count that Smith et al. 2020 (doi:10.1186/s13007-020-00563-0)
/// use as root length. Every name carries its unit.
/// </summary>
public sealed record RootTraits
{
    /// <summary>Skeleton pixels: the paper's root length measure.</summary>
    public required long SkeletonPixels { get; init; }

    /// <summary>Length along the skeleton in pixels: orthogonal links count 1, diagonal links sqrt 2, each once.</summary>
    public required double LengthPixels { get; init; }

    /// <summary><see cref="LengthPixels"/> in millimetres.</summary>
    public required double LengthMm { get; init; }

    /// <summary>Kimura et al. 1999's formula 6 from the same link counts, in mm (doi:10.1023/A:1004778925316).</summary>
    public required double KimuraLengthMm { get; init; }

    /// <summary>Root (mask) pixels.</summary>
    public required long AreaPixels { get; init; }

    /// <summary>Projected root area in mm².</summary>
    public required double AreaMm2 { get; init; }

    /// <summary>Mean diameter over skeleton pixels, in mm; NaN without skeleton.</summary>
    public required double MeanDiameterMm { get; init; }

    /// <summary>Median diameter over skeleton pixels, in mm; NaN without skeleton.</summary>
    public required double MedianDiameterMm { get; init; }

    /// <summary>Largest diameter at a skeleton pixel, in mm; NaN without skeleton.</summary>
    public required double MaxDiameterMm { get; init; }

    /// <summary>Volume in mm³: a cylinder slice per skeleton pixel (see <see cref="RootTraitMeasurer"/>).</summary>
    public required double VolumeMm3 { get; init; }

    /// <summary>Lateral surface area in mm²: a cylinder slice per skeleton pixel.</summary>
    public required double SurfaceAreaMm2 { get; init; }

    /// <summary>Root tips: skeleton pixels with exactly one link.</summary>
    public required long Tips { get; init; }

    /// <summary>Skeleton pixels with three or more links.</summary>
    public required long BranchPixels { get; init; }

    /// <summary>Branch points: 8-connected clusters of branch pixels, each counted once.</summary>
    public required long BranchPoints { get; init; }

    /// <summary>Length in mm per diameter class, in the order of <see cref="RootTraitOptions.DiameterClassNames"/>.</summary>
    public required IReadOnlyList<double> LengthByDiameterClassMm { get; init; }

    /// <summary>Area of the whole image in mm².</summary>
    public required double ImageAreaMm2 { get; init; }

    /// <summary>Root length density in cm of root per cm³ of soil: length / (image area x depth of field).</summary>
    public required double RootLengthDensityCmPerCm3 { get; init; }
}
