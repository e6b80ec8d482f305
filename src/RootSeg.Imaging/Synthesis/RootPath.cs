using System.Numerics;

namespace RootSeg.Imaging.Synthesis;

/// <summary>
/// One root as drawn: its centre line (a polyline in pixel coordinates, pixel (x, y) covering [x, x+1) x [y, y+1)),
/// the radius at each vertex (linear in between), and how it looks.
/// </summary>
internal sealed class RootPath
{
    public List<Vector2> Points { get; } = [];

    public List<float> Radii { get; } = [];

    /// <summary>0 for a primary root, 1 for its laterals, 2 for theirs.</summary>
    public required int Order { get; init; }

    /// <summary>Base colour in grey levels 0 to 255 (red, green, blue).</summary>
    public required Vector3 Colour { get; init; }

    /// <summary>How much the root hides the soil behind it, in (0, 1].</summary>
    public required float Opacity { get; init; }
}
