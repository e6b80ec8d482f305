namespace RootSeg.Cli;

/// <summary>The exit status of every `rootseg` command, as the README and `rootseg --help` list them.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Success = 0;

    /// <summary>Some or all items failed (one line each on stderr, naming the file); the others were done.</summary>
    public const int Failed = 1;

    /// <summary>The command line does not fit the command's usage.</summary>
    public const int Usage = 2;

    /// <summary>Training stopped because the loss became NaN or infinite.</summary>
    public const int Diverged = 3;

    /// <summary>Interrupted by SIGINT (Ctrl-C): 128 + 2, as shells report it; train saved its checkpoint first.</summary>
    public const int Interrupted = 130;

    /// <summary>Terminated by SIGTERM (Slurm, systemd, kill): 128 + 15; train saved its checkpoint first.</summary>
    public const int Terminated = 143;

    /// <summary>The lines `rootseg --help` prints.</summary>
    public const string Help = """
        exit status: 0 all done; 1 some items failed (one line 'rootseg COMMAND: FILE: problem' each, the others
        done); 2 usage error; 3 training diverged (loss not finite); 130 interrupted (SIGINT, Ctrl-C); 143 terminated
        (SIGTERM); train saves its checkpoint before 130 and 143.
        """;
}
