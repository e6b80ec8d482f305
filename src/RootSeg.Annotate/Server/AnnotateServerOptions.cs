using RootSeg.Annotate.Training;

namespace RootSeg.Annotate.Server;

/// <summary>Settings of <see cref="AnnotateServer"/>.</summary>
public sealed record AnnotateServerOptions
{
    /// <summary>The project folder; created when missing.</summary>
    public required string ProjectDirectory { get; init; }

    /// <summary>The photo folder; null for the project file's, or <c>PROJECT/photos</c>.</summary>
    public string? PhotoDirectory { get; init; }

    /// <summary>TCP port on 127.0.0.1; 0 lets the system choose one.</summary>
    public int Port { get; init; }

    /// <summary>The secret every request must carry; null for a new random one.</summary>
    public string? Token { get; init; }

    /// <summary>The background trainer's settings.</summary>
    public AnnotateTrainingOptions Training { get; init; } = new();

    /// <summary>Whether to run the background trainer (tests of the API alone may leave it off).</summary>
    public bool StartTrainer { get; init; } = true;
}
