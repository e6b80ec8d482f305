[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace RootSeg.Cli.Tests;

/// <summary>A temporary folder deleted at the end of a test.</summary>
public sealed class TestFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("rootseg-cli-").FullName;

    public string this[string relative] => Path.Combine(Root, relative);

    public string Folder(string relative) => Directory.CreateDirectory(this[relative]).FullName;

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>Runs a whole command line through <see cref="CommandRouter"/>, as the rootseg program does, with the
    /// output and error streams captured.</summary>
    internal static (int Code, string Out, string Error) Rootseg(params string[] args) => Capture(() => CommandRouter.Run(args));

    /// <summary>Runs a command with the output and error streams captured.</summary>
    internal static (int Code, string Out, string Error) Run(ICommand command, params string[] args) =>
        Capture(() => command.Run(CommandOptions.Parse(args)));

    private static (int Code, string Out, string Error) Capture(Func<int> run)
    {
        var (oldOut, oldError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            return (run(), output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
