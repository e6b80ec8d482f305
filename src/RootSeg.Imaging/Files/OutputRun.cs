using System.Text.Json;
using System.Text.Json.Serialization;

namespace RootSeg.Imaging.Files;

/// <summary>
/// A run that writes an output (folder or file), as its lock file records it (<see cref="OutputLock"/>): which
/// process, where, with which command line, and the settings that make its outputs what they are. Two runs may
/// write the same output at once only when both are <see cref="Shareable"/> and have the same command and settings:
/// the shards of one run (<c>--shard K/N</c>, array jobs).
/// </summary>
public sealed record OutputRun
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>The command, e.g. "segment".</summary>
    public required string Command { get; init; }

    /// <summary>What makes the outputs (model hash and the settings that change them), by name, as invariant text.</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    /// <summary>Whether runs with the same command and settings may write beside this one (shards of one run).</summary>
    public bool Shareable { get; init; }

    /// <summary>The process id.</summary>
    public int ProcessId { get; init; } = Environment.ProcessId;

    /// <summary>The machine the process runs on.</summary>
    public string Host { get; init; } = Environment.MachineName;

    /// <summary>The process's command line.</summary>
    public string CommandLine { get; init; } = ThisCommandLine();

    /// <summary>When the run took the output, UTC.</summary>
    public DateTime StartedUtc { get; init; } = DateTime.UtcNow;

    /// <summary>A run of this process.</summary>
    /// <param name="command">The command, e.g. "train".</param>
    /// <param name="shareable">Whether shards of the same settings may write beside it.</param>
    /// <param name="settings">The settings that change the outputs.</param>
    public static OutputRun OfThisProcess(string command, bool shareable, params (string Name, object? Value)[] settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        return new OutputRun { Command = command, Shareable = shareable, Settings = OutputManifest.SettingsOf(settings) };
    }

    /// <summary>Whether this run and <paramref name="other"/> may write the same output at once.</summary>
    public bool CanShareWith(OutputRun other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Shareable && other.Shareable && Command == other.Command && Settings.Count == other.Settings.Count
            && Settings.All(s => other.Settings.TryGetValue(s.Key, out var value) && value == s.Value);
    }

    /// <summary>The run in a few words for a message: "pid 4242 on node7 since 2026-12-06 12:03:04 UTC, 'rootseg
    /// segment ...', settings threshold 0.3, ...".</summary>
    public string Describe() =>
        $"pid {ProcessId} on {Host} since {StartedUtc:yyyy-MM-dd HH:mm:ss} UTC, '{CommandLine}', " +
        $"{(Settings.Count == 0 ? "no settings" : "settings " + string.Join(", ", Settings.Select(s => $"{s.Key} {s.Value}")))}";

    /// <summary>The run as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Document
    {
        Command = Command,
        Settings = new SortedDictionary<string, string>(Settings.ToDictionary(), StringComparer.Ordinal),
        Shareable = Shareable,
        ProcessId = ProcessId,
        Host = Host,
        CommandLine = CommandLine,
        StartedUtc = StartedUtc,
    }, Json);

    /// <summary>Reads a run written by <see cref="ToJson"/>, or null when the text is not one.</summary>
    public static OutputRun? FromJson(string text)
    {
        try
        {
            var d = JsonSerializer.Deserialize<Document>(text, Json);
            return d?.Command is null || d.Settings is null
                ? null
                : new OutputRun
                {
                    Command = d.Command,
                    Settings = d.Settings,
                    Shareable = d.Shareable,
                    ProcessId = d.ProcessId,
                    Host = d.Host ?? "unknown host",
                    CommandLine = d.CommandLine ?? "",
                    StartedUtc = d.StartedUtc,
                };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The rootseg program runs as "dotnet .../rootseg.dll ARGS" or through an apphost named rootseg.
    private static string ThisCommandLine()
    {
        var args = Environment.GetCommandLineArgs();
        if (args.Length == 0)
        {
            return "";
        }
        var program = Path.GetFileNameWithoutExtension(args[0]);
        return string.Join(' ', args.Skip(1).Prepend(program));
    }

    private sealed class Document
    {
        public string? Command { get; set; }

        public SortedDictionary<string, string>? Settings { get; set; }

        public bool Shareable { get; set; }

        public int ProcessId { get; set; }

        public string? Host { get; set; }

        public string? CommandLine { get; set; }

        [JsonPropertyName("started_utc")]
        public DateTime StartedUtc { get; set; }
    }
}
