using System.Globalization;

namespace RootSeg.Cli;

/// <summary>
/// The options of one command line: `--name value`, `--name=value`, repeated names and bare flags.
/// Every option a command reads is marked as used; <see cref="ThrowIfUnused"/> then rejects typos.
/// </summary>
internal sealed class CommandOptions
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>Arguments that are not options, in order.</summary>
    public List<string> Positional { get; } = [];

    /// <summary>
    /// Splits <paramref name="args"/>; a name followed by another option or nothing is a flag, and every argument after
    /// a bare `--` is positional (a file whose name begins with dashes).
    /// </summary>
    public static CommandOptions Parse(IReadOnlyList<string> args)
    {
        var options = new CommandOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                options.Positional.AddRange(args.Skip(i + 1));
                break;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                options.Positional.Add(arg);
                continue;
            }
            var name = arg[2..];
            var equals = name.IndexOf('=');
            if (equals >= 0)
            {
                options.Add(name[..equals], name[(equals + 1)..]);
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                options.Add(name, args[++i]);
            }
            else
            {
                options._flags.Add(name);
            }
        }
        return options;
    }

    private void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var list))
        {
            _values[name] = list = [];
        }
        list.Add(value);
    }

    /// <summary>True when the bare flag `--name` was given.</summary>
    public bool Flag(string name)
    {
        _used.Add(name);
        if (_values.ContainsKey(name))
        {
            throw new UsageException($"--{name} takes no value");
        }
        return _flags.Contains(name);
    }

    /// <summary>The value of `--name`, or null when absent.</summary>
    public string? String(string name)
    {
        _used.Add(name);
        if (_flags.Contains(name))
        {
            throw new UsageException($"--{name} needs a value");
        }
        if (!_values.TryGetValue(name, out var list))
        {
            return null;
        }
        if (list.Count > 1)
        {
            throw new UsageException($"--{name} was given {list.Count} times");
        }
        return list[0];
    }

    /// <summary>Every value of a repeatable option, in order (values may also be separated by spaces).</summary>
    public IReadOnlyList<string> Strings(string name)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out var list) ? list : [];
    }

    /// <summary>The value of `--name`, which must be present.</summary>
    public string Required(string name) => String(name) ?? throw new UsageException($"--{name} is required");

    /// <summary>An integer option in [min, max], or <paramref name="fallback"/> when absent.</summary>
    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = String(name);
        if (text is null)
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
        {
            throw new UsageException($"--{name} must be an integer in [{min}, {max}], not '{text}'");
        }
        return value;
    }

    /// <summary>A floating-point option in [min, max], or <paramref name="fallback"/> when absent.</summary>
    public double Double(string name, double fallback, double min = double.MinValue, double max = double.MaxValue)
    {
        var text = String(name);
        if (text is null)
        {
            return fallback;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max || double.IsNaN(value))
        {
            throw new UsageException($"--{name} must be a number in [{min}, {max}], not '{text}'");
        }
        return value;
    }

    /// <summary>
    /// Refuses `--out` in a command that writes one file: `--out` names an output folder in every command, and a single
    /// file is named by its format (`--csv`, `--html`, `--pt`, `--json-out`, `--params`).
    /// </summary>
    public void RefuseOutForFile(string fileOption)
    {
        if (_values.ContainsKey("out") || _flags.Contains("out"))
        {
            throw new UsageException($"--out names an output folder in every command; this one writes one file, given by {fileOption}");
        }
    }

    /// <summary>Rejects options that no one read and positional arguments where none are expected.</summary>
    public void ThrowIfUnused(bool allowPositional = false)
    {
        var unknown = _values.Keys.Concat(_flags).Where(n => !_used.Contains(n)).OrderBy(n => n).ToList();
        if (unknown.Count > 0)
        {
            var hint = Nearest(unknown[0], _used);
            throw new UsageException(hint is null
                ? $"unknown option --{unknown[0]}"
                : $"unknown option --{unknown[0]}; did you mean --{hint}?");
        }
        if (!allowPositional && Positional.Count > 0)
        {
            throw new UsageException($"unexpected argument '{Positional[0]}'");
        }
    }

    /// <summary>
    /// The known option closest to a mistyped one: at most two edits away (one for names of up to four letters), or
    /// one that the typed name begins. Null when none is close.
    /// </summary>
    internal static string? Nearest(string typed, IEnumerable<string> known)
    {
        var limit = typed.Length <= 4 ? 1 : 2;
        return known
            .Select(name => (Name: name, Distance: EditDistance(typed, name)))
            .Where(c => c.Distance <= limit || c.Name.StartsWith(typed, StringComparison.Ordinal))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    /// <summary>Levenshtein distance, with a swap of two neighbouring letters counted as one edit.</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}

/// <summary>A command line that does not fit the command's usage.</summary>
internal sealed class UsageException(string message) : Exception(message);
