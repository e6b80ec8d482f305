namespace RootSeg.Annotate.Projects;

/// <summary>An uploaded annotation or a photo name that cannot be accepted; the message says why in one line.</summary>
public sealed class AnnotationRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the photo.</param>
    /// <param name="notFound">True when the photo does not exist (404) rather than the request being bad (400).</param>
    public AnnotationRejectedException(string message, bool notFound = false) : base(message) => NotFound = notFound;

    /// <summary>Whether the photo named does not exist.</summary>
    public bool NotFound { get; }
}
