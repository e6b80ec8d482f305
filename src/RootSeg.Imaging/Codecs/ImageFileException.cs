namespace RootSeg.Imaging.Codecs;

/// <summary>
/// An image file that cannot be read or written: missing, unreadable, truncated, corrupt, or in a format or
/// layout RootSeg does not support. The message always names the file and the problem.
/// </summary>
public sealed class ImageFileException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/> with the problem in <paramref name="problem"/>.</summary>
    /// <param name="path">The file that could not be read or written.</param>
    /// <param name="problem">What is wrong, in a few words.</param>
    /// <param name="inner">The underlying failure, if any.</param>
    public ImageFileException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file that could not be read or written.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, without the path.</summary>
    public string Problem { get; }
}
