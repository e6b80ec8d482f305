using System.Globalization;
using RootSeg.Imaging.Geometry;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Segmentation.Batch;

/// <summary>
/// The rectangle of a photo to analyse, so that segmentation covers the same region as the manual counts: Smith et
/// al. 2020 (doi:10.1186/s13007-020-00563-0) cropped their 4608x2592 photos to 3991x1842.
/// </summary>
/// <param name="X">Left column, at least 0.</param>
/// <param name="Y">Top row, at least 0.</param>
/// <param name="Width">Columns, at least 1.</param>
/// <param name="Height">Rows, at least 1.</param>
public sealed record CropRegion(int X, int Y, int Width, int Height)
{
    /// <summary>Parses "X,Y,W,H" (integers, X and Y at least 0, W and H at least 1).</summary>
    /// <param name="text">The text, e.g. "300,400,3991,1842".</param>
    /// <exception cref="FormatException">The text is not four such integers.</exception>
    public static CropRegion Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',');
        var values = new int[4];
        if (parts.Length != 4 || !parts.Select((p, i) =>
                int.TryParse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out values[i])).All(ok => ok))
        {
            throw new FormatException($"crop '{text}' is not X,Y,W,H (four non-negative integers)");
        }
        if (values[2] < 1 || values[3] < 1)
        {
            throw new FormatException($"crop '{text}': width and height must be at least 1");
        }
        return new CropRegion(values[0], values[1], values[2], values[3]);
    }

    /// <summary>Copies the region out of <paramref name="photo"/>.</summary>
    /// <param name="photo">The photo; only read.</param>
    /// <returns>A new raster; the caller owns it.</returns>
    /// <exception cref="InvalidDataException">The region does not lie inside the photo.</exception>
    public Raster<byte> Apply(Raster<byte> photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        if ((long)X + Width > photo.Width || (long)Y + Height > photo.Height)
        {
            throw new InvalidDataException(
                $"crop {this} leaves the {photo.Width}x{photo.Height} photo");
        }
        return Crop.Apply(photo, X, Y, Width, Height);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{X},{Y},{Width},{Height}");
}
