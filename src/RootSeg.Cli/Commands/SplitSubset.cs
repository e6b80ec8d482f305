using RootSeg.Segmentation.Data;

namespace RootSeg.Cli.Commands;

/// <summary>
/// <c>--split FILE --subset train|val|test</c>: narrows a command's photos or masks to one part of a split made by
/// <c>rootseg split</c>, matched by file stem, so that the test photos can be segmented, scored and measured where
/// they lie instead of being copied out.
/// </summary>
internal sealed class SplitSubset
{
    /// <summary>The usage lines every command that takes the options shows.</summary>
    public const string Usage = """
          --split FILE        a split.json written by 'rootseg split'
          --subset train|val|test  with --split: only the files whose stems are in that list
        """;

    private readonly HashSet<string> _stems;

    private SplitSubset(string split, string subset, IEnumerable<string> stems) =>
        (SplitPath, Name, _stems) = (split, subset, stems.ToHashSet(StringComparer.Ordinal));

    /// <summary>The split file.</summary>
    public string SplitPath { get; }

    /// <summary>train, val or test.</summary>
    public string Name { get; }

    /// <summary>The subset the options name, or null when neither is given.</summary>
    /// <exception cref="UsageException">Only one of the two is given, or the subset is not train, val or test.</exception>
    /// <exception cref="IOException">The split file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The split file is malformed.</exception>
    public static SplitSubset? Read(CommandOptions options)
    {
        var split = options.String("split");
        var subset = options.String("subset");
        if (split is null && subset is null)
        {
            return null;
        }
        if (split is null)
        {
            throw new UsageException("--subset needs --split FILE (a split.json written by 'rootseg split')");
        }
        if (subset is null)
        {
            throw new UsageException("--split needs --subset train, val or test");
        }
        if (subset is not ("train" or "val" or "test"))
        {
            throw new UsageException($"--subset must be train, val or test, not '{subset}'");
        }
        var loaded = DatasetSplit.Load(split);
        var stems = subset switch
        {
            "train" => loaded.Train,
            "val" => loaded.Validation,
            _ => loaded.Test,
        };
        return new SplitSubset(split, subset, stems);
    }

    /// <summary>The paths whose file stems are in the subset, in their order.</summary>
    /// <param name="paths">Photos or masks.</param>
    /// <param name="source">The folder or option they came from, named when none is left.</param>
    /// <exception cref="FileNotFoundException">None of the paths is in the subset.</exception>
    public IReadOnlyList<string> Select(IReadOnlyList<string> paths, string source)
    {
        var chosen = paths.Where(p => _stems.Contains(Path.GetFileNameWithoutExtension(p))).ToList();
        return chosen.Count > 0 ? chosen : throw NoneLeft(source);
    }

    /// <summary>The entries whose stems are in the subset.</summary>
    /// <param name="byStem">Files keyed by stem.</param>
    /// <param name="source">The folder or option they came from, named when none is left.</param>
    /// <exception cref="FileNotFoundException">None of the stems is in the subset.</exception>
    public SortedDictionary<string, string> Select(SortedDictionary<string, string> byStem, string source)
    {
        var chosen = new SortedDictionary<string, string>(
            byStem.Where(p => _stems.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
        return chosen.Count > 0 ? chosen : throw NoneLeft(source);
    }

    private FileNotFoundException NoneLeft(string source) =>
        new($"{source}: none of its files is in the {Name} list of {SplitPath} ({_stems.Count} stems)");
}
