namespace RootSeg.Analysis.Export;

/// <summary>
/// One row of a RhizoVision Explorer features table in "broken roots" mode (Seethepalli et al. 2021, AoB PLANTS
/// 13:plab056, doi:10.1093/aobpla/plab056). Lengths are in mm and areas in mm² when the table is in physical units,
/// else in pixels; NaN where RootSeg does not measure the feature.
/// </summary>
/// <param name="FileName">"File Name": the image's file name.</param>
/// <param name="RegionOfInterest">"Region of Interest": empty for the whole image.</param>
/// <param name="RootTips">"Number of Root Tips".</param>
/// <param name="BranchPoints">"Number of Branch Points".</param>
/// <param name="TotalRootLength">"Total Root Length".</param>
/// <param name="BranchingFrequency">"Branching frequency": branch points per unit of root length.</param>
/// <param name="NetworkArea">"Network Area": root pixels' area.</param>
/// <param name="AverageDiameter">"Average Diameter".</param>
/// <param name="MedianDiameter">"Median Diameter".</param>
/// <param name="MaximumDiameter">"Maximum Diameter".</param>
/// <param name="Perimeter">"Perimeter" (RootSeg does not measure it: NaN).</param>
/// <param name="Volume">"Volume".</param>
/// <param name="SurfaceArea">"Surface Area".</param>
/// <param name="ComputationTimeSeconds">"Computation Time (s)".</param>
/// <param name="LengthByDiameterRange">"Root Length Diameter Range k", k = 1, 2, ...</param>
public sealed record RhizoVisionRow(
    string FileName,
    string RegionOfInterest,
    double RootTips,
    double BranchPoints,
    double TotalRootLength,
    double BranchingFrequency,
    double NetworkArea,
    double AverageDiameter,
    double MedianDiameter,
    double MaximumDiameter,
    double Perimeter,
    double Volume,
    double SurfaceArea,
    double ComputationTimeSeconds,
    IReadOnlyList<double> LengthByDiameterRange)
{
    /// <summary>Equal when every field is equal, NaN matching NaN and the ranges compared element by element.</summary>
    public bool Equals(RhizoVisionRow? other) =>
        other is not null && FileName == other.FileName && RegionOfInterest == other.RegionOfInterest
        && Numbers().SequenceEqual(other.Numbers());

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(FileName, RegionOfInterest, TotalRootLength);

    private IEnumerable<double> Numbers() =>
        new[] { RootTips, BranchPoints, TotalRootLength, BranchingFrequency, NetworkArea, AverageDiameter, MedianDiameter,
            MaximumDiameter, Perimeter, Volume, SurfaceArea, ComputationTimeSeconds }.Concat(LengthByDiameterRange);
}
