namespace RootSeg.Analysis.Traits;

/// <summary>Settings for <see cref="RootTraitMeasurer"/>.</summary>
public sealed record RootTraitOptions
{
    /// <summary>The image scale.</summary>
    public required Calibration Calibration { get; init; }

    /// <summary>
    /// Upper bounds, in mm, of the diameter classes for length per class; strictly increasing and positive. The
    /// classes are [0, b0), [b0, b1), ..., [b_last, infinity). The default [0.5, 1, 2] gives four classes, which
    /// separate fine (under 0.5 mm) from coarser roots: RhizoVision Explorer lets users set such thresholds
    /// (Seethepalli et al. 2021, doi:10.1093/aobpla/plab056); these defaults suit crop roots in minirhizotron images.
    /// </summary>
    public IReadOnlyList<double> DiameterClassBoundsMm { get; init; } = [0.5, 1.0, 2.0];

    /// <summary>
    /// Depth of soil, in mm, that a minirhizotron or rhizotron image is taken to see into, for root length density:
    /// RLD = length / (image area x depth of field). 2 mm is a common choice for minirhizotrons (values of 2 to
    /// 3 mm appear in the literature); it must be finite and positive.
    /// </summary>
    public double DepthOfFieldMm { get; init; } = 2.0;

    /// <summary>
    /// When true, a diameter is 2 x EDT - 1 pixel instead of 2 x EDT. The Euclidean distance transform measures from
    /// a pixel's centre to the nearest background pixel's centre, so a root w pixels wide (w odd) has EDT (w + 1) / 2
    /// on its midline and 2 x EDT overstates its width by one pixel; the correction removes that bias, which matters
    /// for roots only a few pixels wide. Off by default, so diameters follow the plain 2 x EDT definition.
    /// </summary>
    public bool SubtractOnePixelFromDiameter { get; init; }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A bound list that is not increasing and positive, or a bad depth of field.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Calibration, nameof(Calibration));
        ArgumentNullException.ThrowIfNull(DiameterClassBoundsMm, nameof(DiameterClassBoundsMm));
        for (var i = 0; i < DiameterClassBoundsMm.Count; i++)
        {
            var bound = DiameterClassBoundsMm[i];
            if (!double.IsFinite(bound) || bound <= 0 || (i > 0 && bound <= DiameterClassBoundsMm[i - 1]))
            {
                throw new ArgumentException(
                    $"diameter class bounds must be finite, positive and strictly increasing; got [{string.Join(", ", DiameterClassBoundsMm)}]",
                    nameof(DiameterClassBoundsMm));
            }
        }
        if (!double.IsFinite(DepthOfFieldMm) || DepthOfFieldMm <= 0)
        {
            throw new ArgumentException($"depth of field must be finite and positive, not {DepthOfFieldMm} mm", nameof(DepthOfFieldMm));
        }
    }

    /// <summary>Column-friendly names of the diameter classes, e.g. <c>0-0.5</c>, <c>0.5-1</c>, <c>2-inf</c>.</summary>
    public IReadOnlyList<string> DiameterClassNames()
    {
        var names = new List<string>();
        var lower = 0.0;
        foreach (var upper in DiameterClassBoundsMm)
        {
            names.Add(FormattableString.Invariant($"{lower}-{upper}"));
            lower = upper;
        }
        names.Add(FormattableString.Invariant($"{lower}-inf"));
        return names;
    }
}
