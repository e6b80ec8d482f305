namespace RootSeg.Imaging.Files;

/// <summary>
/// Another live run writes the output with other settings (or a command that allows no second writer), so this
/// run may not (<see cref="OutputLock.ForFolder"/>, <see cref="OutputLock.ForFile"/>); the message names the output and the other run on one line.
/// </summary>
public sealed class OutputInUseException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="output">The output folder or file, as the user named it.</param>
    /// <param name="other">The run that holds it.</param>
    /// <param name="wanted">The run that was refused.</param>
    public OutputInUseException(string output, OutputRun other, OutputRun wanted)
        : base($"{output}: in use by another run ({other.Describe()}){Reason(other, wanted)}; wait for it to end or choose another output")
    {
        Output = output;
        Other = other;
    }

    /// <summary>The output folder or file.</summary>
    public string Output { get; }

    /// <summary>The run that holds it.</summary>
    public OutputRun Other { get; }

    private static string Reason(OutputRun other, OutputRun wanted) =>
        !other.Shareable || !wanted.Shareable ? ""
        : other.Command != wanted.Command ? $", not '{wanted.Command}'"
        : " with other settings than this one's";
}
