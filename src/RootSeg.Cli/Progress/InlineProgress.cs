namespace RootSeg.Cli.Progress;

/// <summary>Reports on the reporting thread, unlike <see cref="Progress{T}"/>, so lines come out in order.</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
