using RootSeg.Analysis.Depth;
using RootSeg.Analysis.Measurement;

namespace RootSeg.Segmentation.Pipeline;

/// <summary>One photo measured by an <see cref="AnalysisRun"/>: a row of every table it writes.</summary>
/// <param name="Photo">The photo's full path.</param>
/// <param name="Measurement">Its traits and line-intersect counts.</param>
/// <param name="Samples">Its root length per depth band, for the depth profiles; empty without depth settings.</param>
/// <param name="Seconds">How long measuring its mask took (RhizoVision Explorer's "Computation Time").</param>
public sealed record MeasuredPhoto(string Photo, ImageMeasurement Measurement, IReadOnlyList<DepthSample> Samples, double Seconds);
