using System.Text.RegularExpressions;

namespace RootSeg.Cli.Completion;

/// <summary>
/// What a command's usage text declares: its options, the values of options that take one of a few words, and its
/// sub-commands. The usage text is the one list of a command's options, so help and completion cannot disagree.
/// </summary>
internal sealed partial record UsageOptions(
    IReadOnlyList<string> Options, IReadOnlyDictionary<string, IReadOnlyList<string>> Values, IReadOnlyList<string> SubCommands)
{
    /// <summary>
    /// Reads a usage text: the options named in its synopsis (from "usage:" to the first blank line) and on the lines
    /// of its option list (those that begin with `--`); `--name a|b|c` gives the option's words, and a synopsis line
    /// `rootseg NAME word --...` a sub-command.
    /// </summary>
    public static UsageOptions Of(string name, string usage)
    {
        var lines = usage.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var synopsis = lines.TakeWhile(l => l.Trim().Length > 0).ToList();
        var optionLines = lines.Where(l => l.TrimStart().StartsWith("--", StringComparison.Ordinal)).ToList();
        var options = synopsis.Concat(optionLines)
            .SelectMany(l => OptionName().Matches(l))
            .Select(m => m.Groups[1].Value)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var values = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (Match match in ValueWords().Matches(usage))
        {
            if (options.Contains(match.Groups[1].Value))
            {
                values.TryAdd(match.Groups[1].Value, match.Groups[2].Value.Split('|'));
            }
        }
        var subCommands = synopsis
            .Select(l => SubCommand().Match(l))
            .Where(m => m.Success && m.Groups[1].Value == name)
            .Select(m => m.Groups[2].Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new UsageOptions(options, values, subCommands);
    }

    [GeneratedRegex(@"(?<![a-z0-9-])--([a-z][a-z0-9-]*)")]
    private static partial Regex OptionName();

    [GeneratedRegex(@"--([a-z][a-z0-9-]*)[ =]([a-z0-9-]+(?:\|[a-z0-9-]+)+)")]
    private static partial Regex ValueWords();

    [GeneratedRegex(@"rootseg ([a-z]+) ([a-z]+) --")]
    private static partial Regex SubCommand();
}
