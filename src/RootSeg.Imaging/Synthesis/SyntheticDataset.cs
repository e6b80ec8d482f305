using System.Globalization;
using System.Text;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Files;

namespace RootSeg.Imaging.Synthesis;

/// <summary>
/// Writes a folder of synthetic minirhizotron photos in the dataset layout every RootSeg stage reads:
/// <c>photos/NAME.jpg</c> (JPEG, quality 95), <c>annotations/NAME.png</c> (1-bit PNG, root white) and
/// <c>truth.csv</c> with each image's true centre-line root length, so that measured lengths can be checked against
/// the truth as Smith et al. 2020 (Plant Methods 16:13, doi:10.1186/s13007-020-00563-0) checked theirs against
/// manual counts.
/// </summary>
/// <remarks>
/// Image <c>i</c> of a dataset with seed <c>S</c> is <see cref="RootPhotoSynthesizer.Generate(int)"/> with seed
/// <see cref="ImageSeed"/>(S, i), so any single image can be redrawn in memory. Every file is written under a
/// temporary name and moved into place; existing files of the same names are replaced.
/// </remarks>
public static class SyntheticDataset
{
    /// <summary>The truth table's file name inside the dataset folder.</summary>
    public const string TruthFileName = "truth.csv";

    /// <summary>The truth table's header line.</summary>
    public const string TruthHeader = "name,seed,true_length_px,mean_width_px,root_pixels";

    /// <summary>The seed of image <paramref name="index"/> of a dataset made with <paramref name="seed"/>.</summary>
    /// <param name="seed">The dataset's seed, any integer.</param>
    /// <param name="index">The image's position, 0 or more.</param>
    public static int ImageSeed(int seed, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        // Hashing rather than seed + index keeps the datasets of neighbouring seeds from sharing images.
        return unchecked((int)SeedHash.Mix((uint)seed, index, 0x5EED));
    }

    /// <summary>The file stem of image <paramref name="index"/> in a dataset of <paramref name="count"/> images.</summary>
    public static string ImageName(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(count, index);
        var digits = Math.Max(4, (count - 1).ToString(CultureInfo.InvariantCulture).Length);
        return "synth_" + index.ToString("D" + digits, CultureInfo.InvariantCulture);
    }

    /// <summary>Writes <paramref name="count"/> photos, their annotations and the truth table.</summary>
    /// <param name="directory">The dataset folder; created with its subfolders when missing.</param>
    /// <param name="count">Images to write, 1 to 1,000,000.</param>
    /// <param name="seed">Dataset seed; equal arguments give byte-identical files.</param>
    /// <param name="options">What to draw (its own <see cref="RootPhotoOptions.Seed"/> is not used); defaults when null.</param>
    /// <param name="progress">Told of each image once its files are in place; may be null.</param>
    /// <returns>One record per image, in order.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty or an option is out of range (named).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is out of range.</exception>
    /// <exception cref="IOException">A file cannot be written; the message names it.</exception>
    public static IReadOnlyList<SyntheticImageRecord> Write(string directory, int count, int seed,
        RootPhotoOptions? options = null, IProgress<SyntheticImageRecord>? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 1_000_000);
        var synthesizer = new RootPhotoSynthesizer(options ?? new RootPhotoOptions());
        if (File.Exists(directory))
        {
            throw new IOException($"{directory}: is a file, not a folder");
        }
        var photos = Path.Combine(directory, "photos");
        var annotations = Path.Combine(directory, "annotations");
        Directory.CreateDirectory(photos);
        Directory.CreateDirectory(annotations);
        var records = new List<SyntheticImageRecord>(count);
        var photoOptions = new ImageWriteOptions { JpegQuality = 95 };
        var maskOptions = new ImageWriteOptions { Bilevel = true };
        for (var i = 0; i < count; i++)
        {
            var name = ImageName(i, count);
            var imageSeed = ImageSeed(seed, i);
            using var photo = synthesizer.Generate(imageSeed);
            ImageFile.Write(Path.Combine(photos, name + ".jpg"), photo.Photo, photoOptions);
            ImageFile.Write(Path.Combine(annotations, name + ".png"), photo.Mask, maskOptions);
            var record = new SyntheticImageRecord(name, imageSeed, photo.TrueLength, photo.MeanRootWidth,
                CountRoot(photo));
            records.Add(record);
            progress?.Report(record);
        }
        AtomicFile.WriteBytes(Path.Combine(directory, TruthFileName), Encoding.UTF8.GetBytes(Truth(records)));
        return records;
    }

    private static long CountRoot(SyntheticPhoto photo)
    {
        long count = 0;
        for (var y = 0; y < photo.Mask.Height; y++)
        {
            count += photo.Mask.Row(y).Count((byte)1);
        }
        return count;
    }

    private static string Truth(IEnumerable<SyntheticImageRecord> records)
    {
        var text = new StringBuilder(TruthHeader).Append('\n');
        foreach (var r in records)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{r.Name},{r.Seed},{r.TrueLength:F3},{r.MeanRootWidth:F3},{r.RootPixels}\n");
        }
        return text.ToString();
    }
}
