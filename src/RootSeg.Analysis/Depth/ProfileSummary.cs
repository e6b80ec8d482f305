namespace RootSeg.Analysis.Depth;

/// <summary>The rooting depth of one profile (<see cref="RootingDepth"/>).</summary>
/// <param name="Group">Panel or tube, date and session.</param>
/// <param name="Images">Images in the profile.</param>
/// <param name="LengthMm">Root length of the whole profile, mm.</param>
/// <param name="D50Mm">Depth above which half the root length lies, mm; NaN without roots.</param>
/// <param name="D95Mm">Depth above which 95% of the root length lies, mm; NaN without roots.</param>
/// <param name="DeepestBandBottomMm">Bottom of the deepest band holding root length, mm; NaN without roots.</param>
public sealed record ProfileSummary(ProfileGroup Group, int Images, double LengthMm, double D50Mm, double D95Mm, double DeepestBandBottomMm);
