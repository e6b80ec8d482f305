using System.Diagnostics;
using System.Globalization;

namespace RootSeg.Cli.Progress;

/// <summary>
/// A progress line on stderr: done/total, images per second and the estimated time left, and how far the item in
/// progress is (<see cref="Within"/>: the tiles of a large photo). On a terminal it redraws one line in place; when
/// stderr is a file or pipe (a cluster job's log) it writes a plain line at most every <see cref="LogInterval"/>, and
/// at the end.
/// </summary>
internal sealed class ProgressBar(string label, int total, TextWriter writer, bool interactive)
{
    private const int BarWidth = 24;
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    // The network's thread reports tiles while another reports photos.
    private readonly Lock _gate = new();
    private TimeSpan? _lastLog;
    private int _counted;
    private int _done;
    private (int Done, int Total, string Unit)? _part;
    private bool _lineOpen;

    /// <summary>A bar on the process's stderr, interactive when stderr is a terminal.</summary>
    public static ProgressBar ForStderr(string label, int total) =>
        new(label, total, Console.Error, !Console.IsErrorRedirected);

    /// <summary>Marks one item finished; <paramref name="timed"/> items count toward the rate (not skipped ones).</summary>
    public void Advance(int done, bool timed)
    {
        lock (_gate)
        {
            if (timed)
            {
                _counted++;
            }
            _done = done;
            _part = null;
            Show(done >= total);
        }
    }

    /// <summary>
    /// Shows how far the next item is, e.g. 12 of its 25 tiles, with the rate and time left counting that share.
    /// </summary>
    public void Within(int partDone, int partTotal, string unit)
    {
        lock (_gate)
        {
            _part = (partDone, partTotal, unit);
            Show(last: false);
        }
    }

    private void Show(bool last)
    {
        var elapsed = _clock.Elapsed;
        if (!interactive && !last && _lastLog is { } previous && elapsed - previous < LogInterval)
        {
            return;
        }
        _lastLog = elapsed;
        var line = Format(_done, elapsed);
        if (interactive)
        {
            writer.Write("\r" + line + "\u001b[K");
            _lineOpen = true;
            if (last)
            {
                writer.WriteLine();
                _lineOpen = false;
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
        lock (_gate)
        {
            if (_lineOpen)
            {
                writer.Write("\r\u001b[K");
                _lineOpen = false;
            }
            writer.WriteLine(text);
        }
    }

    /// <summary>Ends the bar's line.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_lineOpen)
            {
                writer.WriteLine();
                _lineOpen = false;
            }
        }
    }

    private string Format(int done, TimeSpan elapsed)
    {
        var filled = total == 0 ? BarWidth : (int)((long)BarWidth * done / total);
        // The share of the item in progress counts toward the rate, so that the first large photo has an ETA.
        var share = _part is { Total: > 0 } p ? (double)p.Done / p.Total : 0;
        var rate = _counted + share > 0 ? (_counted + share) / Math.Max(elapsed.TotalSeconds, 1e-9) : 0;
        var left = total - done - share;
        var eta = rate > 0 ? TimeSpan.FromSeconds(left / rate) : (TimeSpan?)null;
        var etaText = done >= total ? "done" : eta is { } e ? "ETA " + Duration(e) : "ETA ?";
        var part = _part is { } q && done < total ? $", {q.Unit} {q.Done}/{q.Total} of the next" : "";
        // When every item was up to date (or failed), there is no rate to show: "13/13 done".
        var rateText = rate > 0 || done < total ? string.Create(CultureInfo.InvariantCulture, $"{rate:F2} img/s ") : "";
        return $"{label} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {done}/{total} {rateText}{etaText}{part}";
    }

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:D2}m"
        : span.TotalMinutes >= 1 ? $"{span.Minutes}m{span.Seconds:D2}s"
        : $"{span.Seconds}s";
}
