using RootSeg.Analysis.Depth;

namespace RootSeg.Segmentation.Pipeline;

/// <summary>
/// How <see cref="AnalysisRun"/> finds the depth of what each photo shows: either every photo is a rhizotron panel
/// whose first row lies at <see cref="PanelTopMm"/> (<see cref="PanelDepth"/>), or every photo is a minirhizotron
/// frame whose tube and window come from a metadata table (<see cref="FrameTable"/>) or from its file name
/// (<see cref="FrameNames"/>).
/// </summary>
public sealed record DepthSettings
{
    /// <summary>The depth bands of the profiles.</summary>
    public required DepthBands Bands { get; init; }

    /// <summary>Panel mode: depth of every photo's top row below the soil surface, mm.</summary>
    public double? PanelTopMm { get; init; }

    /// <summary>Tube mode: the metadata CSV (<see cref="FrameTable"/>), or null to read file names.</summary>
    public string? FrameTablePath { get; init; }

    /// <summary>Tube mode: window spacing and tube angle, to turn window locations into depths.</summary>
    public TubeGeometry? Geometry { get; init; }

    /// <summary>True in panel mode, false in tube mode.</summary>
    public bool IsPanel => PanelTopMm is not null;

    /// <summary>The settings in words, for the manifest.</summary>
    public string Describe() => IsPanel
        ? FormattableString.Invariant($"panel top {PanelTopMm} mm, bands {Bands.WidthMm} mm from {Bands.TopMm} mm")
        : FormattableString.Invariant(
            $"tubes from {(FrameTablePath is null ? "file names" : Path.GetFullPath(FrameTablePath))}, bands {Bands.WidthMm} mm from {Bands.TopMm} mm")
          + (Geometry is { } g ? FormattableString.Invariant($", windows {g.WindowHeightMm} mm at {g.AngleFromVerticalDegrees} degrees, offset {g.OffsetMm} mm") : "");
}
