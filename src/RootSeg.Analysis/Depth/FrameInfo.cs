namespace RootSeg.Analysis.Depth;

/// <summary>
/// What is known of one minirhizotron frame: its tube, its window (location) or depth, date, time and session.
/// </summary>
/// <param name="Tube">Tube name as given (e.g. <c>T002</c>).</param>
/// <param name="Location">Window index along the tube, or null when the depth is given directly.</param>
/// <param name="DepthMm">Depth in mm when given directly (metadata or a <c>depth40cm</c> name part), else null.</param>
/// <param name="Date">Date text as given (e.g. <c>11.04.17</c>, <c>2017.06.01</c>), or empty.</param>
/// <param name="Time">Time text as given (e.g. <c>084840</c>), or empty.</param>
/// <param name="Session">Session text as given (e.g. <c>004</c>), or empty.</param>
public sealed record FrameInfo(string Tube, int? Location, double? DepthMm, string Date, string Time, string Session)
{
    /// <summary>The frame's depth: <see cref="DepthMm"/> when given, else the window's depth from <paramref name="geometry"/>.</summary>
    /// <exception cref="InvalidOperationException">Neither a depth nor (a location and a geometry) is known.</exception>
    public double ResolveDepthMm(TubeGeometry? geometry)
    {
        if (DepthMm is { } depth)
        {
            return depth;
        }
        if (Location is { } location && geometry is not null)
        {
            return geometry.DepthMm(location);
        }
        throw new InvalidOperationException(Location is null
            ? $"tube {Tube}: neither a depth nor a window location is known"
            : $"tube {Tube} location {Location}: a window height and tube angle are needed to turn the location into a depth");
    }

    /// <summary>The profile this frame belongs to.</summary>
    public ProfileGroup Group => new(Tube, Date, Session);
}
