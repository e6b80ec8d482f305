namespace RootSeg.Cli;

/// <summary>One `rootseg` sub-command: binds its options and calls the library.</summary>
internal interface ICommand
{
    /// <summary>The word that selects the command (for example "train").</summary>
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>The usage text printed by `rootseg NAME --help` and on option errors.</summary>
    string Usage { get; }

    /// <summary>Runs the command with its already-split options; returns the process exit code.</summary>
    int Run(CommandOptions options);
}
