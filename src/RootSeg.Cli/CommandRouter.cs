using System.Reflection;

namespace RootSeg.Cli;

/// <summary>Finds the sub-command named by the first argument and runs it, turning failures into exit codes.</summary>
internal static class CommandRouter
{
    private static IReadOnlyList<ICommand> Commands() =>
        typeof(CommandRouter).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICommand).IsAssignableFrom(t))
            .Select(t => (ICommand)Activator.CreateInstance(t)!)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

    public static int Run(string[] args)
    {
        var commands = Commands();
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintHelp(commands);
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] == "--version")
        {
            Console.WriteLine(Version);
            return 0;
        }
        var command = commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            Console.Error.WriteLine($"rootseg: unknown command '{args[0]}' (see 'rootseg --help')");
            return 2;
        }
        if (args.Skip(1).Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine(command.Usage);
            return 0;
        }
        try
        {
            return command.Run(CommandOptions.Parse(args[1..]));
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"rootseg {command.Name}: {e.Message}");
            Console.Error.WriteLine(command.Usage);
            return 2;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException
                                      or ArgumentException or InvalidOperationException)
        {
            Console.Error.WriteLine($"rootseg {command.Name}: {e.Message}");
            return 1;
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
            Console.WriteLine($"  {command.Name,-10} {command.Summary}");
        }
    }
}
