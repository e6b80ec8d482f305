namespace RootSeg.Imaging.Overlays;

/// <summary>
/// The colours of <see cref="ErrorOverlay"/>. The defaults, green for true positives, red for false positives and
/// blue for false negatives, keep the two kinds of error apart from each other and from soil tones.
/// </summary>
public sealed record ErrorColours
{
    /// <summary>Green true positives, red false positives, blue false negatives.</summary>
    public static ErrorColours Default { get; } = new();

    /// <summary>Predicted root where the annotation says root.</summary>
    public OverlayColour TruePositive { get; init; } = OverlayColour.Green;

    /// <summary>Predicted root where the annotation says background.</summary>
    public OverlayColour FalsePositive { get; init; } = OverlayColour.Red;

    /// <summary>Predicted background where the annotation says root.</summary>
    public OverlayColour FalseNegative { get; init; } = OverlayColour.Blue;
}
