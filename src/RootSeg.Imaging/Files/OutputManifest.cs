using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RootSeg.Imaging.Files;

/// <summary>
/// What made a set of outputs: the command, the model's SHA-256, the settings that change the results, the RootSeg
/// version and the inputs (size and modification time). Written as JSON beside the outputs (a folder's
/// <see cref="FolderFileName"/>, or <see cref="BesideFile"/> for a single output file) before the work starts, under
/// the output's lock, and compared on every rerun (<see cref="Claim"/>), so that outputs of one model or setting are
/// never silently mixed with, or mistaken for, those of another, whether the runs come one after the other or at once.
/// </summary>
/// <remarks>
/// Only the command, the model hash and the settings decide whether outputs match (<see cref="Differences"/>): the
/// version and the inputs are recorded for provenance, since a rebuilt RootSeg or an added photo does not make
/// earlier outputs wrong (a changed photo is redone by its own modification time).
/// </remarks>
public sealed record OutputManifest
{
    /// <summary>The manifest's name inside an output folder.</summary>
    public const string FolderFileName = "rootseg-manifest.json";

    /// <summary>The schema name written into every manifest.</summary>
    public const string Schema = "rootseg-output-manifest/1";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The manifest path of a single output file: same folder and stem, extension <c>.manifest.json</c>.</summary>
    /// <param name="outputFile">The output file (a CSV, a JSON report).</param>
    public static string BesideFile(string outputFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputFile);
        return Path.ChangeExtension(outputFile, ".manifest.json");
    }

    /// <summary>The command that made the outputs, e.g. "segment".</summary>
    public required string Command { get; init; }

    /// <summary>The RootSeg version that made them.</summary>
    public required string Version { get; init; }

    /// <summary>SHA-256 of the model file (lower-case hex), or null when no model was used.</summary>
    public string? ModelSha256 { get; init; }

    /// <summary>The model file's full path when it was written (for people; the hash is what counts).</summary>
    public string? ModelPath { get; init; }

    /// <summary>The settings that change the outputs, by name, as invariant text.</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    /// <summary>The input files: full path, size and last modification time.</summary>
    public IReadOnlyList<ManifestInput> Inputs { get; init; } = [];

    /// <summary>The settings as invariant text, sorted by name.</summary>
    public static SortedDictionary<string, string> SettingsOf(params (string Name, object? Value)[] settings)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in settings)
        {
            sorted[name] = value switch
            {
                null => "none",
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "none",
            };
        }
        return sorted;
    }

    /// <summary>The lower-case hex SHA-256 of a file.</summary>
    /// <exception cref="IOException">The file cannot be read; the message names it.</exception>
    public static string Sha256(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{path}: cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Describes input files by full path, size and modification time (missing files are left out).</summary>
    public static IReadOnlyList<ManifestInput> Describe(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return files.Select(f => new FileInfo(f)).Where(f => f.Exists)
            .Select(f => new ManifestInput(f.FullName, f.Length, f.LastWriteTimeUtc)).ToList();
    }

    /// <summary>
    /// What makes <paramref name="earlier"/>'s outputs differ from this manifest's, one phrase per difference
    /// ("threshold 0.5 -> 0.7", "model sha256 1a2b3c4d... -> 5e6f..."); empty when they match.
    /// </summary>
    public IReadOnlyList<string> Differences(OutputManifest earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var differences = new List<string>();
        if (earlier.Command != Command)
        {
            differences.Add($"made by '{earlier.Command}', not '{Command}'");
        }
        if (earlier.ModelSha256 != ModelSha256)
        {
            differences.Add($"model sha256 {Short(earlier.ModelSha256)} -> {Short(ModelSha256)}");
        }
        foreach (var name in earlier.Settings.Keys.Union(Settings.Keys).Order(StringComparer.Ordinal))
        {
            var before = earlier.Settings.GetValueOrDefault(name, "unset");
            var now = Settings.GetValueOrDefault(name, "unset");
            if (before != now)
            {
                differences.Add($"{name} {before} -> {now}");
            }
        }
        return differences;
    }

    /// <summary>
    /// Takes the output's lock (<see cref="OutputLock"/>), then checks the manifest at <paramref name="manifestPath"/>
    /// against this one and writes this one there atomically, which also proves that the output can be written before
    /// any work is done. Hold the returned lock until the outputs are written: while it is held, no run with other
    /// settings can claim the output (and runs of these settings only when <paramref name="shareable"/>).
    /// </summary>
    /// <param name="manifestPath">Where the manifest lives (<see cref="FolderFileName"/> in a folder, or
    /// <see cref="BesideFile"/>); its folder must exist.</param>
    /// <param name="outputName">The output (folder or file) as the user named it, for the message.</param>
    /// <param name="overwrite">Replace outputs made with other settings instead of refusing.</param>
    /// <param name="hasOutputs">Whether outputs already exist there. Without outputs nothing can be mixed, and the
    /// manifest of an earlier run that wrote none is simply replaced; outputs without a manifest have unknown
    /// settings and are refused like different ones.</param>
    /// <param name="shareable">Whether other runs of the same command and settings may write the output at the same
    /// time (the shards of one run, <c>--shard K/N</c>).</param>
    /// <returns>The output's lock, held for this run.</returns>
    /// <exception cref="OutputInUseException">A live run with other settings holds the output; the message names it.</exception>
    /// <exception cref="StaleOutputException">Outputs exist, were made differently (or of unknown origin) and
    /// <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="IOException">The manifest or the lock cannot be read or written; the message names it.</exception>
    public OutputLock Claim(string manifestPath, string outputName, bool overwrite, bool hasOutputs, bool shareable)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifestPath);
        ArgumentException.ThrowIfNullOrEmpty(outputName);
        var run = new OutputRun
        {
            Command = Command,
            Shareable = shareable,
            Settings = ModelSha256 is null ? Settings : new SortedDictionary<string, string>(Settings.ToDictionary(), StringComparer.Ordinal)
            {
                ["model sha256"] = ModelSha256,
            },
        };
        var outputLock = Path.GetFileName(manifestPath) == FolderFileName
            ? OutputLock.ForFolder(Path.GetDirectoryName(manifestPath)!, run)
            : OutputLock.Beside(manifestPath, outputName, run);
        try
        {
            var earlier = Read(manifestPath);
            IReadOnlyList<string> differences = earlier is not null ? Differences(earlier)
                : ["no manifest, so the settings of the outputs already there are unknown"];
            if (hasOutputs && differences.Count > 0 && !overwrite)
            {
                throw new StaleOutputException(outputName, differences);
            }
            AtomicFile.WriteText(manifestPath, ToJson() + "\n");
            return outputLock;
        }
        catch
        {
            outputLock.Dispose();
            throw;
        }
    }

    /// <summary>Reads a manifest, or returns null when there is none.</summary>
    /// <exception cref="IOException">The file exists but is not a readable manifest; the message names it.</exception>
    public static OutputManifest? Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            var document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json);
            if (document?.Schema != Schema || document.Command is null || document.Settings is null)
            {
                throw new IOException($"{path}: not a RootSeg output manifest ({Schema}); remove it or choose another output");
            }
            return new OutputManifest
            {
                Command = document.Command,
                Version = document.Version ?? "unknown",
                ModelSha256 = document.ModelSha256,
                ModelPath = document.ModelPath,
                Settings = new SortedDictionary<string, string>(document.Settings, StringComparer.Ordinal),
                Inputs = document.Inputs ?? [],
            };
        }
        catch (JsonException e)
        {
            throw new IOException($"{path}: not a readable output manifest ({e.Message}); remove it or choose another output", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"{path}: cannot be read: {e.Message}", e);
        }
    }

    /// <summary>The manifest as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Document
    {
        Schema = Schema,
        Command = Command,
        Version = Version,
        ModelSha256 = ModelSha256,
        ModelPath = ModelPath,
        Settings = new SortedDictionary<string, string>(Settings.ToDictionary(), StringComparer.Ordinal),
        Inputs = Inputs,
    }, Json);

    private static string Short(string? hash) => hash is null ? "none" : hash.Length > 12 ? hash[..12] + "..." : hash;

    private sealed class Document
    {
        public string? Schema { get; set; }

        public string? Command { get; set; }

        public string? Version { get; set; }

        public string? ModelSha256 { get; set; }

        public string? ModelPath { get; set; }

        public SortedDictionary<string, string>? Settings { get; set; }

        public IReadOnlyList<ManifestInput>? Inputs { get; set; }
    }
}

/// <summary>One input file of an <see cref="OutputManifest"/>.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="ModifiedUtc">Last modification time, UTC.</param>
public sealed record ManifestInput(string Path, long Size, DateTime ModifiedUtc);
