using System.Runtime.InteropServices;

namespace RootSeg.Cli.Tests;

/// <summary>Signals for the tests of what the commands do on SIGINT and SIGTERM (.NET can only send SIGKILL).</summary>
internal static partial class Posix
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
