using System.Reflection;
using RootSeg.Torch;

namespace RootSeg.Cli;

/// <summary>Finds the sub-command named by the first argument and runs it, turning failures into exit codes.</summary>
internal static class CommandRouter
{
    /// <summary>Every command, by name.</summary>
    internal static IReadOnlyList<ICommand> Commands() =>
        typeof(CommandRouter).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICommand).IsAssignableFrom(t))
            .Select(t => (ICommand)Activator.CreateInstance(t)!)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Runs the command line; every failure becomes one line on stderr and an exit code (<see cref="ExitCodes"/>),
    /// so no exception or stack trace ever reaches the user.
    /// </summary>
    public static int Run(string[] args)
    {
        var name = args.Length > 0 ? args[0] : "";
        ICommand? command = null;
        try
        {
            var commands = Commands();
            if (args is ["help", var topic, ..])
            {
                // `rootseg help train` is `rootseg train --help`.
                args = [topic, "--help"];
                name = topic;
            }
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                PrintHelp(commands);
                return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Success;
            }
            if (args[0] == "--version")
            {
                Console.WriteLine(Version);
                return ExitCodes.Success;
            }
            command = commands.FirstOrDefault(c => c.Name == args[0]);
            if (command is null)
            {
                var hint = CommandOptions.Nearest(args[0], commands.Select(c => c.Name));
                Console.Error.WriteLine(hint is null
                    ? $"rootseg: unknown command '{args[0]}' (see 'rootseg --help')"
                    : $"rootseg: unknown command '{args[0]}'; did you mean '{hint}'? (see 'rootseg --help')");
                return ExitCodes.Usage;
            }
            if (args.Skip(1).TakeWhile(a => a != "--").Any(a => a is "-h" or "--help"))
            {
                Console.WriteLine(command.Usage);
                return ExitCodes.Success;
            }
            ApplyProcessorLimit();
            return command.Run(CommandOptions.Parse(args[1..]));
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"rootseg {name}: {e.Message}");
            if (command is not null)
            {
                Console.Error.WriteLine(command.Usage);
            }
            return ExitCodes.Usage;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"rootseg {name}: {FailureLine(e)}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>
    /// One line for a failure: the message (which names the file for every error the libraries raise), with an
    /// inner cause only where the outer message says nothing of it, and the exception's type only for errors that
    /// are not about the input (a bug), so that a report can name it.
    /// </summary>
    internal static string FailureLine(Exception e)
    {
        var expected = e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException
            or InvalidOperationException or FormatException or NotSupportedException or OutOfMemoryException
            || e.GetType().Namespace?.StartsWith("RootSeg", StringComparison.Ordinal) == true;
        var message = e.Message;
        if (e is TypeInitializationException { InnerException: { } inner })
        {
            message = inner.Message;
        }
        var line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return expected ? line : $"unexpected {e.GetType().Name}: {line}";
    }

    /// <summary>
    /// Hides the instructions that <see cref="ProcessorLimits.EnvironmentVariable"/> names (read here, at the entry,
    /// and nowhere deeper) before any command touches the engine; unset, nothing is hidden and nothing is loaded.
    /// </summary>
    private static void ApplyProcessorLimit()
    {
        var limit = ProcessorLimits.Parse(Environment.GetEnvironmentVariable(ProcessorLimits.EnvironmentVariable));
        if (limit != ProcessorLimit.None)
        {
            ProcessorFeatures.LimitTo(limit);
        }
    }

    public static string Version =>
        typeof(CommandRouter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";

    private static void PrintHelp(IReadOnlyList<ICommand> commands)
    {
        Console.WriteLine("rootseg: find plant roots in photographs of soil and measure them (Smith et al. 2020).");
        Console.WriteLine();
        Console.WriteLine("usage: rootseg COMMAND [OPTIONS]     (rootseg COMMAND --help for its options)");
        Console.WriteLine();
        foreach (var command in commands)
        {
            Console.WriteLine($"  {command.Name,-11} {command.Summary}");
        }
        Console.WriteLine();
        Console.WriteLine(ExitCodes.Help);
    }
}
