namespace RootSeg.Imaging.Files;

/// <summary>
/// Outputs already at a place were made with another model or other settings than the run that would add to them
/// (<see cref="OutputManifest.Claim"/>); the message names the output and every difference on one line.
/// </summary>
public sealed class StaleOutputException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="output">The output folder or file, as the user named it.</param>
    /// <param name="differences">What differs, one phrase each.</param>
    public StaleOutputException(string output, IReadOnlyList<string> differences)
        : base($"{output}: holds outputs made differently ({string.Join("; ", differences)}); " +
               "rerun with --overwrite to replace them, or choose another output")
    {
        Output = output;
        Differences = differences;
    }

    /// <summary>The output folder or file.</summary>
    public string Output { get; }

    /// <summary>What differs, one phrase each.</summary>
    public IReadOnlyList<string> Differences { get; }
}
