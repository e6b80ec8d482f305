using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Augmentation;

/// <summary>
/// Turns an 8-bit tile and its annotation into the network's input (CHW float32 scaled to [0, 1] then shifted by
/// -0.5, as Smith et al. 2020, doi:10.1186/s13007-020-00563-0, do) and the centre's labels and labelled mask.
/// </summary>
public static class TileOutput
{
    /// <summary>Prepares one tile without augmentation (validation).</summary>
    /// <param name="photo">RGB tile, InputSize square; not modified.</param>
    /// <param name="annotation">Its annotation, same size; not modified.</param>
    /// <param name="geometry">Tile sizes.</param>
    /// <param name="input">Receives 3 x InputSize^2 values (CHW) in [-0.5, 0.5].</param>
    /// <param name="labels">Receives OutputSize^2 labels: 1 root, 0 otherwise.</param>
    /// <param name="labelled">Receives OutputSize^2 flags: 1 annotated, 0 unlabelled.</param>
    public static void Prepare(Raster<byte> photo, Raster<byte> annotation, TileGeometry geometry,
        Span<float> input, Span<byte> labels, Span<byte> labelled)
    {
        Check(photo, annotation, geometry, input, labels, labelled);
        Write(photo, annotation, geometry, false, input, labels, labelled);
    }

    internal static void Check(Raster<byte> photo, Raster<byte> annotation, TileGeometry geometry,
        Span<float> input, Span<byte> labels, Span<byte> labelled)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(annotation);
        ArgumentNullException.ThrowIfNull(geometry);
        var size = geometry.InputSize;
        if (photo.Width != size || photo.Height != size || photo.Channels != 3)
        {
            throw new ArgumentException(
                $"the photo tile is {photo.Width}x{photo.Height}x{photo.Channels}, not {size}x{size}x3", nameof(photo));
        }
        if (annotation.Width != size || annotation.Height != size || annotation.Channels != 1)
        {
            throw new ArgumentException(
                $"the annotation tile is {annotation.Width}x{annotation.Height}x{annotation.Channels}, not {size}x{size}x1",
                nameof(annotation));
        }
        if (input.Length != 3 * size * size)
        {
            throw new ArgumentException($"input holds {input.Length} values, not 3x{size}x{size}", nameof(input));
        }
        var output = geometry.OutputSize * geometry.OutputSize;
        if (labels.Length != output)
        {
            throw new ArgumentException($"labels hold {labels.Length} values, not {output}", nameof(labels));
        }
        if (labelled.Length != output)
        {
            throw new ArgumentException($"labelled holds {labelled.Length} values, not {output}", nameof(labelled));
        }
    }

    internal static void Write(Raster<byte> photo, Raster<byte> annotation, TileGeometry geometry, bool flip,
        Span<float> input, Span<byte> labels, Span<byte> labelled)
    {
        var size = geometry.InputSize;
        using var unit = new Raster<float>(size, size, 3);
        IntensityScaling.ToUnit(photo, unit);
        var plane = size * size;
        for (var y = 0; y < size; y++)
        {
            var row = unit.Row(y);
            for (var x = 0; x < size; x++)
            {
                var sx = flip ? size - 1 - x : x;
                for (var c = 0; c < 3; c++)
                {
                    input[c * plane + y * size + x] = row[sx * 3 + c] - 0.5f;
                }
            }
        }
        var output = geometry.OutputSize;
        var margin = geometry.Margin;
        for (var y = 0; y < output; y++)
        {
            var row = annotation.Row(y + margin);
            for (var x = 0; x < output; x++)
            {
                var sx = flip ? size - 1 - (x + margin) : x + margin;
                var label = row[sx];
                labels[y * output + x] = label == AnnotationLabels.Root ? (byte)1 : (byte)0;
                labelled[y * output + x] = label == AnnotationLabels.Unlabelled ? (byte)0 : (byte)1;
            }
        }
    }
}
