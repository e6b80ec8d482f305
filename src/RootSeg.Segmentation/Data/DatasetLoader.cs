using RootSeg.Imaging.Rasters;

namespace RootSeg.Segmentation.Data;

/// <summary>Loads dataset pairs into memory and counts root pixels, through an <see cref="IDatasetReader"/>.</summary>
public static class DatasetLoader
{
    /// <summary>Loads the pairs whose stems are listed, in the order of <paramref name="stems"/>.</summary>
    /// <param name="index">The dataset.</param>
    /// <param name="stems">Stems to load (for example a split's training list); each must be in the index.</param>
    /// <param name="reader">The decoder.</param>
    /// <returns>The images; the caller owns and disposes them.</returns>
    /// <exception cref="ArgumentException">A stem is not in the dataset.</exception>
    /// <exception cref="InvalidDataException">A photo and its annotation differ in size; the message names both.</exception>
    public static IReadOnlyList<TrainingImage> Load(DatasetIndex index, IReadOnlyList<string> stems, IDatasetReader reader)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(stems);
        ArgumentNullException.ThrowIfNull(reader);
        var byStem = index.Pairs.ToDictionary(p => p.Stem, StringComparer.Ordinal);
        var images = new List<TrainingImage>(stems.Count);
        try
        {
            foreach (var stem in stems)
            {
                if (!byStem.TryGetValue(stem, out var pair))
                {
                    throw new ArgumentException($"'{stem}' is not a photo/annotation pair of {index.Directory}", nameof(stems));
                }
                images.Add(Load(pair, reader));
            }
            return images;
        }
        catch
        {
            images.ForEach(i => i.Dispose());
            throw;
        }
    }

    /// <summary>Loads one pair; the caller owns the result.</summary>
    /// <exception cref="InvalidDataException">The photo and the annotation differ in size.</exception>
    public static TrainingImage Load(DatasetPair pair, IDatasetReader reader)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(reader);
        var photo = reader.ReadPhoto(pair.PhotoPath);
        Raster<byte>? annotation = null;
        try
        {
            annotation = reader.ReadAnnotation(pair.AnnotationPath);
            if (annotation.Width != photo.Width || annotation.Height != photo.Height)
            {
                throw new InvalidDataException(
                    $"{pair.AnnotationPath} is {annotation.Width}x{annotation.Height} "
                    + $"but {pair.PhotoPath} is {photo.Width}x{photo.Height}");
            }
            return new TrainingImage(pair.Stem, photo, annotation);
        }
        catch
        {
            photo.Dispose();
            annotation?.Dispose();
            throw;
        }
    }

    /// <summary>The number of root pixels in an annotation file.</summary>
    public static long CountRootPixels(string annotationPath, IDatasetReader reader)
    {
        ArgumentException.ThrowIfNullOrEmpty(annotationPath);
        ArgumentNullException.ThrowIfNull(reader);
        using var annotation = reader.ReadAnnotation(annotationPath);
        long count = 0;
        for (var y = 0; y < annotation.Height; y++)
        {
            count += annotation.Row(y).Count(AnnotationLabels.Root);
        }
        return count;
    }
}
