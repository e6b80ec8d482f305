namespace RootSeg.Analysis.Depth;

/// <summary>
/// Root length seen in one band of one image: the unit that <see cref="DepthProfile"/> adds up. A rhizotron photo
/// gives one sample per band it covers (<see cref="PanelDepth"/>); a minirhizotron frame gives one sample at its
/// window's depth (<see cref="TubeGeometry"/>).
/// </summary>
/// <param name="Site">The panel or tube the image belongs to (e.g. <c>T002</c>).</param>
/// <param name="Date">Date of the image as given (file name or metadata), or empty.</param>
/// <param name="Session">Imaging session as given, or empty.</param>
/// <param name="Image">The image's name (file stem).</param>
/// <param name="Band">The depth band (<see cref="DepthBands.IndexOf"/>).</param>
/// <param name="LengthMm">Skeleton length in the band, mm (diagonal steps sqrt 2).</param>
/// <param name="AreaMm2">Area of the image that lies in the band, mm².</param>
public sealed record DepthSample(string Site, string Date, string Session, string Image, int Band, double LengthMm, double AreaMm2);
