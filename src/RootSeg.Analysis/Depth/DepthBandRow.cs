namespace RootSeg.Analysis.Depth;

/// <summary>One band of one depth profile.</summary>
/// <param name="Group">Panel or tube, date and session.</param>
/// <param name="Band">Band index.</param>
/// <param name="TopMm">Top of the band, mm.</param>
/// <param name="BottomMm">Bottom of the band, mm.</param>
/// <param name="Images">Images that add to the band.</param>
/// <param name="LengthMm">Root length in the band, mm.</param>
/// <param name="AreaMm2">Imaged area in the band, mm².</param>
/// <param name="RootLengthDensityCmPerCm3">Length / (imaged area x depth of field), cm per cm³.</param>
/// <param name="RootLengthIntensityMmPerCm2">Length per imaged area, mm per cm².</param>
public sealed record DepthBandRow(ProfileGroup Group, int Band, double TopMm, double BottomMm, int Images, double LengthMm,
    double AreaMm2, double RootLengthDensityCmPerCm3, double RootLengthIntensityMmPerCm2);
