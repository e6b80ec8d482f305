using System.Diagnostics;
using System.Text.RegularExpressions;
using RootSeg.Cli.Completion;

namespace RootSeg.Cli.Tests;

/// <summary>
/// The command line as one whole: one meaning for `--out` (a folder), hints for mistyped options, every option a
/// command reads listed in its usage (and nothing else), and the bash completion script built from those usages.
/// </summary>
public sealed partial class CommandLineTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("measure", "--csv FILE", new[] { "--in", "masks" })]
    [InlineData("report", "--html FILE", new[] { "--run", "run" })]
    [InlineData("export", "--pt FILE.pt", new[] { "--model", "m.safetensors" })]
    [InlineData("split", "--split FILE", new[] { "--data", "data" })]
    [InlineData("frangi", "--params PARAMS.json", new[] { "search", "--data", "data" })]
    public void OutIsAFolderEverywhereAndAOneFileCommandNamesItsFileByKind(string command, string fileOption, string[] args)
    {
        var line = new[] { command }.Concat(args).Concat(["--out", _folder["x"]]).ToArray();

        var (code, _, error) = TestFolder.Rootseg(line);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith($"rootseg {command}: --out names an output folder in every command; this one writes one file, given by {fileOption}",
            error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder["x"]) || Directory.Exists(_folder["x"]));
    }

    [Fact]
    public void AMistypedOptionGetsTheNearestOneAsAHint()
    {
        var (code, _, error) = TestFolder.Rootseg("info", "--thraeds", "2");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("rootseg info: unknown option --thraeds; did you mean --threads?", error, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpTopicIsTheCommandsUsageAndAMistypedCommandGetsAHint()
    {
        var (code, output, _) = TestFolder.Rootseg("help", "measure");
        var (mistyped, _, error) = TestFolder.Rootseg("segmnet", "--in", "x");

        Assert.Equal(0, code);
        Assert.StartsWith("usage: rootseg measure --in MASK_DIR --csv FILE", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, mistyped);
        Assert.Equal("rootseg: unknown command 'segmnet'; did you mean 'segment'? (see 'rootseg --help')", error.TrimEnd());
    }

    [Fact]
    public void ABareDoubleDashEndsTheOptions()
    {
        var options = CommandOptions.Parse(["--in", "a", "--", "--odd name.png", "b"]);

        Assert.Equal("a", options.String("in"));
        Assert.Equal(["--odd name.png", "b"], options.Positional);
        options.ThrowIfUnused(allowPositional: true);
    }

    [Theory]
    [InlineData("treshold", "threshold")]
    [InlineData("tresholds", "threshold")]
    [InlineData("overlay", "overlay")]
    [InlineData("ovrelap", "overlap")]
    [InlineData("px", "px-per-mm")]
    [InlineData("tle", "tile")]
    [InlineData("xyz", null)]
    [InlineData("colour", null)]
    public void TheHintIsAtMostTwoEditsAwayOrAnOptionTheTypedNameBegins(string typed, string? expected)
    {
        string[] known = ["threshold", "overlap", "overlay", "overwrite", "px-per-mm", "tile", "tta", "out"];

        Assert.Equal(expected, CommandOptions.Nearest(typed, known));
    }

    [Fact]
    public void EveryOptionACommandReadsIsInItsUsageAndEveryOptionInItsUsageIsRead()
    {
        var sources = Path.Combine(RepositoryRoot(), "src", "RootSeg.Cli", "Commands");
        var helpers = Directory.GetFiles(sources, "*.cs")
            .Where(f => !f.EndsWith("Command.cs", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => OptionsRead(File.ReadAllText(f)));

        foreach (var command in CommandRouter.Commands())
        {
            var source = File.ReadAllText(Path.Combine(sources, command.GetType().Name + ".cs"));
            var read = OptionsRead(source)
                .Concat(helpers.Where(h => source.Contains(h.Key + ".", StringComparison.Ordinal)).SelectMany(h => h.Value))
                .ToHashSet(StringComparer.Ordinal);
            var listed = UsageOptions.Of(command.Name, command.Usage).Options;

            Assert.True(read.SetEquals(listed),
                $"{command.Name}: read but not in the usage: {string.Join(' ', read.Except(listed))}; " +
                $"in the usage but not read: {string.Join(' ', listed.Except(read))}");
        }
    }

    [Fact]
    public void EveryUsageFitsAWideTerminal()
    {
        foreach (var command in CommandRouter.Commands())
        {
            var widest = command.Usage.Split('\n').MaxBy(line => line.TrimEnd().Length)!.TrimEnd();
            Assert.True(widest.Length <= 120, $"{command.Name}: a usage line of {widest.Length} characters: {widest}");
        }
    }

    [Fact]
    public void TheUsageGivesSubCommandsAndTheWordsOfOptionsThatTakeOneOfAFew()
    {
        var frangi = CommandRouter.Commands().Single(c => c.Name == "frangi");
        var train = CommandRouter.Commands().Single(c => c.Name == "train");

        Assert.Equal(["search", "segment"], UsageOptions.Of(frangi.Name, frangi.Usage).SubCommands);
        var values = UsageOptions.Of(train.Name, train.Usage).Values;
        Assert.Equal(["paper", "fast", "transfer"], values["recipe"]);
        Assert.Equal(["step", "poly", "cosine"], values["schedule"]);
        Assert.DoesNotContain("width", values.Keys);
    }

    [Theory]
    [InlineData("rootseg seg", "segment")]
    [InlineData("rootseg segment --ov", "--overlap --overlay --overwrite")]
    [InlineData("rootseg measure --c", "--csv")]
    [InlineData("rootseg train --recipe ", "fast paper transfer")]
    [InlineData("rootseg evaluate --split s.json --subset t", "test train")]
    [InlineData("rootseg frangi se", "search segment")]
    [InlineData("rootseg frangi segment --par", "--params")]
    public void TheBashScriptCompletesCommandsOptionsSubCommandsAndWords(string typed, string expected)
    {
        var (code, script, _) = TestFolder.Rootseg("completion", "bash");
        Assert.Equal(0, code);
        File.WriteAllText(_folder["rootseg.bash"], script);
        var words = typed.EndsWith(' ') ? [.. typed.Split(' ', StringSplitOptions.RemoveEmptyEntries), ""] : typed.Split(' ');
        var array = string.Join(' ', words.Select(w => $"'{w}'"));

        var reply = Bash($"source '{_folder["rootseg.bash"]}'; COMP_WORDS=({array}); COMP_CWORD={words.Length - 1}; " +
            "_rootseg; echo \"${COMPREPLY[*]}\"");

        Assert.Equal(expected, string.Join(' ', reply.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void CompletionNamesTheShellsItWrites()
    {
        var (code, _, error) = TestFolder.Rootseg("completion", "fish");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("rootseg completion: no completion for 'fish'; bash is the one written", error, StringComparison.Ordinal);
    }

    private static IEnumerable<string> OptionsRead(string source) =>
        OptionRead().Matches(source).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"options\.(?:Required|String|Flag|Int|Double|Strings)\(""([a-z0-9-]+)""")]
    private static partial Regex OptionRead();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "src", "RootSeg.Cli", "Commands")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no repository above {AppContext.BaseDirectory}");
    }

    private static string Bash(string command)
    {
        var start = new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"bash failed: {error}");
        return output.Trim();
    }
}
