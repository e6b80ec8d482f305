using RootSeg.Cli.Progress;

namespace RootSeg.Cli.Tests;

/// <summary>The progress line of batch commands: photos done, rate, time left, and the tiles of a large photo.</summary>
public sealed class ProgressBarTests
{
    [Fact]
    public void TheTilesOfTheNextPhotoShowWithATimeLeft()
    {
        using var log = new StringWriter();
        var bar = new ProgressBar("segment", 2, log, interactive: false);

        bar.Within(5, 20, "tiles");
        bar.Advance(1, timed: true); // within the log interval: not written
        bar.Advance(2, timed: true);

        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("segment [", lines[0], StringComparison.Ordinal);
        Assert.Contains(" 0/2 ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(", tiles 5/20 of the next", lines[0], StringComparison.Ordinal);
        // A quarter of a photo done already gives a rate, so the time left is known.
        Assert.DoesNotContain("ETA ?", lines[0], StringComparison.Ordinal);
        Assert.Contains(" 2/2 ", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(" done", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ABatchWithNothingToDoShowsNoRate()
    {
        using var log = new StringWriter();
        var bar = new ProgressBar("segment", 3, log, interactive: false);

        bar.Advance(3, timed: false);

        var line = Assert.Single(log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith("] 3/3 done", line, StringComparison.Ordinal);
    }

    [Fact]
    public void OnATerminalTheLineIsRedrawnInPlace()
    {
        using var terminal = new StringWriter();
        var bar = new ProgressBar("segment", 1, terminal, interactive: true);

        bar.Within(1, 4, "tiles");
        bar.Within(2, 4, "tiles");
        bar.Message("rootseg segment: a.jpg: not a photo");
        bar.Advance(1, timed: true);

        var text = terminal.ToString();
        // Two tile reports, the message clearing the line, and the last photo: four returns to the line's start.
        Assert.Equal(4, text.Count(c => c == '\r'));
        Assert.Contains("tiles 2/4 of the next", text, StringComparison.Ordinal);
        Assert.Contains("\r\u001b[Krootseg segment: a.jpg: not a photo\n", text, StringComparison.Ordinal);
        Assert.EndsWith(" done\u001b[K\n", text, StringComparison.Ordinal);
    }
}
