using RootSeg.Imaging.Rasters;

namespace RootSeg.Baseline.Frangi;

/// <summary>One training image of the Frangi search: the photo in grey and its annotation as labels.</summary>
/// <remarks>The image owns both rasters and returns them to the pool on <see cref="Dispose"/>.</remarks>
public sealed class TrainingImage : IDisposable
{
    /// <summary>Takes ownership of <paramref name="grey"/> and <paramref name="labels"/>.</summary>
    /// <param name="stem">The file stem shared by the photo and its annotation.</param>
    /// <param name="grey">Single-channel grey photo in [0, 1].</param>
    /// <param name="labels">Single-channel labels of the same size: 0 background, 1 root, 255 unlabelled.</param>
    /// <exception cref="ArgumentException">The rasters differ in size or channels.</exception>
    public TrainingImage(string stem, Raster<float> grey, Raster<byte> labels)
    {
        ArgumentException.ThrowIfNullOrEmpty(stem);
        ArgumentNullException.ThrowIfNull(grey);
        ArgumentNullException.ThrowIfNull(labels);
        if (grey.Channels != 1 || labels.Channels != 1)
        {
            throw new ArgumentException($"{stem}: grey and labels must have one channel", nameof(grey));
        }
        if (grey.Width != labels.Width || grey.Height != labels.Height)
        {
            throw new ArgumentException(
                $"{stem}: photo is {grey.Width}x{grey.Height}, annotation {labels.Width}x{labels.Height}",
                nameof(labels));
        }
        Stem = stem;
        Grey = grey;
        Labels = labels;
    }

    /// <summary>The file stem.</summary>
    public string Stem { get; }

    /// <summary>The photo in grey, owned by this image.</summary>
    public Raster<float> Grey { get; }

    /// <summary>The annotation labels, owned by this image.</summary>
    public Raster<byte> Labels { get; }

    /// <summary>Returns both rasters to the pool.</summary>
    public void Dispose()
    {
        Grey.Dispose();
        Labels.Dispose();
    }
}
