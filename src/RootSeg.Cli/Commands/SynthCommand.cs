using System.Globalization;
using RootSeg.Imaging.Synthesis;

namespace RootSeg.Cli.Commands;

/// <summary>
/// `rootseg synth`: writes synthetic minirhizotron photos with exact root masks and true root lengths
/// (<see cref="SyntheticDataset"/>), for tests and demos.
/// </summary>
internal sealed class SynthCommand : ICommand
{
    private static readonly RootPhotoOptions Defaults = new();

    // Options the library names in its messages, under the names the user typed.
    private static readonly Dictionary<string, string> OptionNames = new(StringComparer.Ordinal)
    {
        [nameof(RootPhotoOptions.Width)] = "width",
        [nameof(RootPhotoOptions.Height)] = "height",
        [nameof(RootPhotoOptions.MinRoots)] = "min-roots",
        [nameof(RootPhotoOptions.MaxRoots)] = "max-roots",
        [nameof(RootPhotoOptions.MinRootWidth)] = "min-width",
        [nameof(RootPhotoOptions.MaxRootWidth)] = "max-width",
        [nameof(RootPhotoOptions.BranchProbability)] = "branching",
        [nameof(RootPhotoOptions.PebbleCount)] = "pebbles",
        [nameof(RootPhotoOptions.ScratchCount)] = "scratches",
        [nameof(RootPhotoOptions.BlurSigma)] = "blur",
        [nameof(RootPhotoOptions.NoiseSigma)] = "noise",
        [nameof(RootPhotoOptions.Vignette)] = "vignette",
    };

    public string Name => "synth";

    public string Summary => "write synthetic rhizotron photos with exact root masks and true lengths";

    public string Usage => $"""
        usage: rootseg synth --out DIR --count N [--seed S] [--overwrite] [options]

        Writes DIR/photos/synth_NNNN.jpg, DIR/annotations/synth_NNNN.png (root white) and DIR/truth.csv (true
        centre-line root length in pixels per image). Equal arguments give identical files. A folder that already
        holds files is refused unless --overwrite, so that no dataset is mixed with another.

          --out DIR         dataset folder (created when missing)
          --overwrite       write into a folder that holds files, replacing those of the same names
          --count N         number of images, 1 to 1000000
          --seed S          dataset seed (default 0)
          --width PX        photo width (default {Defaults.Width})
          --height PX       photo height (default {Defaults.Height})
          --min-roots N     fewest primary roots per photo (default {Defaults.MinRoots})
          --max-roots N     most primary roots per photo (default {Defaults.MaxRoots})
          --min-width PX    thinnest root diameter (default {Defaults.MinRootWidth.ToString(CultureInfo.InvariantCulture)})
          --max-width PX    thickest root diameter (default {Defaults.MaxRootWidth.ToString(CultureInfo.InvariantCulture)})
          --branching P     chance of a lateral per 10 px of root, 0 to 1 (default {Defaults.BranchProbability.ToString(CultureInfo.InvariantCulture)})
          --pebbles N       pebbles per photo (default {Defaults.PebbleCount})
          --scratches N     scratches on the glass per photo (default {Defaults.ScratchCount})
          --blur SIGMA      lens blur in pixels, 0 for none (default {Defaults.BlurSigma.ToString(CultureInfo.InvariantCulture)})
          --noise SIGMA     sensor noise in grey levels, 0 for none (default {Defaults.NoiseSigma.ToString(CultureInfo.InvariantCulture)})
          --vignette F      corner darkening, 0 to 0.9 (default {Defaults.Vignette.ToString(CultureInfo.InvariantCulture)})
        """;

    public int Run(CommandOptions options)
    {
        var directory = options.Required("out");
        var count = options.Int("count", 0, 1, 1_000_000);
        if (count == 0)
        {
            throw new UsageException("--count is required");
        }
        var seed = options.Int("seed", 0);
        var photoOptions = new RootPhotoOptions
        {
            Width = options.Int("width", Defaults.Width),
            Height = options.Int("height", Defaults.Height),
            MinRoots = options.Int("min-roots", Defaults.MinRoots),
            MaxRoots = options.Int("max-roots", Defaults.MaxRoots),
            MinRootWidth = options.Double("min-width", Defaults.MinRootWidth),
            MaxRootWidth = options.Double("max-width", Defaults.MaxRootWidth),
            BranchProbability = options.Double("branching", Defaults.BranchProbability),
            PebbleCount = options.Int("pebbles", Defaults.PebbleCount),
            ScratchCount = options.Int("scratches", Defaults.ScratchCount),
            BlurSigma = options.Double("blur", Defaults.BlurSigma),
            NoiseSigma = options.Double("noise", Defaults.NoiseSigma),
            Vignette = options.Double("vignette", Defaults.Vignette),
        };
        var overwrite = options.Flag("overwrite");
        options.ThrowIfUnused();
        try
        {
            photoOptions.Validate();
        }
        catch (ArgumentException e) when (e.ParamName is not null && OptionNames.ContainsKey(e.ParamName))
        {
            var value = e is ArgumentOutOfRangeException { ActualValue: { } actual } ? $", not {actual}" : "";
            throw new UsageException(
                $"--{OptionNames[e.ParamName]}: {e.Message.Split(" (Parameter", 2)[0].Split(Environment.NewLine)[0]}{value}");
        }
        if (!overwrite && Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new IOException($"{directory} already holds files; write the dataset into an empty or new folder, or pass --overwrite");
        }
        var written = 0;
        var records = SyntheticDataset.Write(directory, count, seed, photoOptions,
            new SynchronousProgress(record =>
            {
                written++;
                if (written % 100 == 0 || written == count)
                {
                    Console.Error.WriteLine($"rootseg synth: {written}/{count} written ({record.Name})");
                }
            }));
        var meanLength = records.Average(r => r.TrueLength);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {records.Count} photos to {directory} (mean true root length {meanLength:F0} px); truth in {Path.Combine(directory, SyntheticDataset.TruthFileName)}"));
        return 0;
    }

    /// <summary>Reports on the writing thread, unlike <see cref="Progress{T}"/>, so lines come out in order.</summary>
    private sealed class SynchronousProgress(Action<SyntheticImageRecord> report) : IProgress<SyntheticImageRecord>
    {
        public void Report(SyntheticImageRecord value) => report(value);
    }
}
