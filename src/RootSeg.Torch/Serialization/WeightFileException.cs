namespace RootSeg.Torch.Serialization;

/// <summary>
/// A weight file could not be read or written: it is truncated, malformed, or holds something the reader refuses
/// (an unknown dtype, a pickle global outside the allow-list). The message names the file and the problem.
/// </summary>
public sealed class WeightFileException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/> with a one-line <paramref name="problem"/>.</summary>
    public WeightFileException(string path, string problem, Exception? innerException = null)
        : base($"{path}: {problem}", innerException)
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file that failed.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it, without the file name.</summary>
    public string Problem { get; }
}
