using System.Globalization;
using RootSeg.Imaging.Files;
using RootSeg.Segmentation.Data;

namespace RootSeg.Cli.Commands;

/// <summary>
/// `rootseg split`: divides a dataset folder into training, validation and test images and writes DIR/split.json,
/// following Smith et al. 2020 (doi:10.1186/s13007-020-00563-0) or SegRoot's random 60/20/20 protocol.
/// </summary>
internal sealed class SplitCommand : ICommand
{
    private readonly Func<IDatasetReader> _reader;

    public SplitCommand()
        : this(() => new ImagingDatasetReader())
    {
    }

    internal SplitCommand(Func<IDatasetReader> reader)
    {
        _reader = reader;
    }

    public string Name => "split";

    public string Summary => "divide a dataset into training, validation and test images (writes DIR/split.json)";

    public string Usage => """
        usage: rootseg split --data DIR [--test N] [--val N] [--seed S] [--exclude STEM ...] [--split FILE] [--force]
               rootseg split --data DIR --random TRAIN,VAL,TEST [--seed S] [--exclude STEM ...] [--split FILE] [--force]

        DIR holds photos/ and annotations/ whose files share stems (.jpg .jpeg .png .tif .tiff). Photos without
        an annotation (not traced yet) are left out of the split, named on one line; an annotation without a photo
        is an error.
        Paper mode (default; Smith et al. 2020): N random test images (--test, default 10); the rest sorted by
        root-pixel count and N evenly spaced ones for validation (--val, default 9); the others for training.
        Random mode: shuffle and cut by the shares, e.g. --random 0.6,0.2,0.2 (SegRoot); validation and test
        counts are rounded to nearest, training takes the rest (65 images: 39/13/13).
          --seed S       seed of the random choices (default 1)
          --exclude X .. leave these images out entirely (stems or file names)
          --split FILE   write the split here instead of DIR/split.json (a read-only or shared dataset;
                         give the same --split FILE to train, segment, evaluate, measure and frangi)
          --force        replace an existing split file
        """;

    public int Run(CommandOptions options)
    {
        var data = options.Required("data");
        var random = options.String("random");
        var seedText = options.String("seed");
        var excludeValues = options.Strings("exclude");
        var force = options.Flag("force");
        options.RefuseOutForFile("--split FILE");
        var output = options.String("split");
        int? test = options.String("test") is null ? null : options.Int("test", 0, 0);
        int? validation = options.String("val") is null ? null : options.Int("val", 0, 0);
        // `--exclude a b c`: the option parser keeps only `a` as the value, the rest arrive as positional words.
        options.ThrowIfUnused(allowPositional: excludeValues.Count > 0);
        var excluded = excludeValues.Concat(options.Positional)
            .SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(ToStem).ToList();
        ulong seed = 1;
        if (seedText is not null && !ulong.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
        {
            throw new UsageException($"--seed must be a non-negative integer, not '{seedText}'");
        }
        if (random is not null && (test is not null || validation is not null))
        {
            throw new UsageException("--random replaces --test and --val; give one or the other");
        }

        var index = DatasetIndex.Scan(data);
        index.ThrowIfIncomplete(untracedPhotosAllowed: true);
        if (index.PhotosWithoutAnnotations.Count > 0)
        {
            Console.Error.WriteLine($"rootseg split: {index.PhotosWithoutAnnotations.Count} photo(s) without an annotation " +
                $"are left out of the split: {DatasetIndex.FileNames(index.PhotosWithoutAnnotations)}");
        }
        if (index.Pairs.Count == 0)
        {
            throw new InvalidDataException($"no photo/annotation pairs in {index.Directory}");
        }
        var untraced = index.PhotosWithoutAnnotations.Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        var unknown = excluded.Where(stem => !index.Stems.Contains(stem) && !untraced.Contains(stem)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"--exclude: no photo/annotation pair named '{unknown[0]}' in {index.Directory}");
        }
        // A photo without an annotation is out of the split already.
        excluded = excluded.Where(stem => !untraced.Contains(stem)).ToList();
        var path = output ?? Path.Combine(index.Directory, DatasetSplit.FileName);
        if (File.Exists(path) && !force)
        {
            throw new IOException($"{path} exists; pass --force to replace it");
        }
        DatasetSplit split;
        if (random is not null)
        {
            split = SplitPlanner.Random(index.Stems, ParseFractions(random), seed, excluded);
        }
        else
        {
            var reader = _reader();
            var annotations = index.Pairs.ToDictionary(p => p.Stem, p => p.AnnotationPath, StringComparer.Ordinal);
            split = SplitPlanner.Paper(index.Stems, stem => DatasetLoader.CountRootPixels(annotations[stem], reader),
                test ?? 10, validation ?? 9, seed, excluded);
        }
        split.Save(path);
        var c = split.Counts;
        var mode = split.Mode.ToString().ToLowerInvariant();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path}: {mode} split, seed {seed}: {c.Train} train, {c.Validation} validation, {c.Test} test, {c.Excluded} excluded"));
        return 0;
    }

    /// <summary>A stem from a stem or a file name; stems may hold dots (dates), so only image extensions go.</summary>
    private static string ToStem(string value)
    {
        var name = Path.GetFileName(value);
        return ImageFiles.Extensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase)
            ? Path.GetFileNameWithoutExtension(name)
            : name;
    }

    private static SplitFractions ParseFractions(string text)
    {
        var parts = text.Split(',');
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                throw new UsageException($"--random takes three shares like 0.6,0.2,0.2, not '{text}'");
            }
        }
        if (values.Length != 3)
        {
            throw new UsageException($"--random takes three shares like 0.6,0.2,0.2, not '{text}'");
        }
        return new SplitFractions(values[0], values[1], values[2]);
    }
}
