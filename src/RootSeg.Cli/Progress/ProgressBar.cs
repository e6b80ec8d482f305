using System.Diagnostics;
using System.Globalization;

namespace RootSeg.Cli.Progress;

/// <summary>
/// A progress line on stderr: done/total, images per second and the estimated time left. On a terminal it redraws
/// one line in place; when stderr is a file or pipe (a cluster job's log) it writes a plain line at most every
/// <see cref="LogInterval"/>, and at the end.
/// </summary>
internal sealed class ProgressBar(string label, int total, TextWriter writer, bool interactive)
{
    private const int BarWidth = 24;
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _lastLog;
    private int _counted;
    private bool _lineOpen;

    /// <summary>A bar on the process's stderr, interactive when stderr is a terminal.</summary>
    public static ProgressBar ForStderr(string label, int total) =>
        new(label, total, Console.Error, !Console.IsErrorRedirected);

    /// <summary>Marks one item finished; <paramref name="timed"/> items count toward the rate (not skipped ones).</summary>
    public void Advance(int done, bool timed)
    {
        if (timed)
        {
            _counted++;
        }
        var elapsed = _clock.Elapsed;
        if (!interactive && done < total && _lastLog is { } last && elapsed - last < LogInterval)
        {
            return;
        }
        _lastLog = elapsed;
        var line = Format(done, elapsed);
        if (interactive)
        {
            writer.Write("\r" + line);
            _lineOpen = true;
            if (done >= total)
            {
                Finish();
            }
        }
        else
        {
            writer.WriteLine(line);
        }
    }

    /// <summary>Writes a message on its own line, keeping the bar below it.</summary>
    public void Message(string text)
    {
        if (_lineOpen)
        {
            writer.Write("\r\u001b[K");
            _lineOpen = false;
        }
        writer.WriteLine(text);
    }

    /// <summary>Ends the bar's line.</summary>
    public void Finish()
    {
        if (_lineOpen)
        {
            writer.WriteLine();
            _lineOpen = false;
        }
    }

    private string Format(int done, TimeSpan elapsed)
    {
        var filled = total == 0 ? BarWidth : (int)((long)BarWidth * done / total);
        var rate = _counted > 0 ? _counted / Math.Max(elapsed.TotalSeconds, 1e-9) : 0;
        var left = total - done;
        var eta = rate > 0 ? TimeSpan.FromSeconds(left / rate) : (TimeSpan?)null;
        var etaText = left == 0 ? "done" : eta is { } e ? "ETA " + Duration(e) : "ETA ?";
        return string.Create(CultureInfo.InvariantCulture,
            $"{label} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {done}/{total} {rate:F2} img/s {etaText}");
    }

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:D2}m"
        : span.TotalMinutes >= 1 ? $"{span.Minutes}m{span.Seconds:D2}s"
        : $"{span.Seconds}s";
}
