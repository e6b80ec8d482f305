using System.Globalization;
using System.Text;

namespace RootSeg.Segmentation.Training;

/// <summary>
/// Shows a run's progress on a text stream: on a terminal, a bar with tiles/s and the estimated time left that is
/// redrawn in place after every step; elsewhere (a log file, a batch job), the same bar as a plain line every
/// <paramref name="lineInterval"/> seconds of training, so that a long epoch still shows signs of life, and one line
/// per epoch.
/// </summary>
/// <param name="writer">Where to write, usually standard error; not disposed.</param>
/// <param name="inPlace">Redraw a progress line with carriage returns (true on a terminal).</param>
/// <param name="lineInterval">Without <paramref name="inPlace"/>: seconds of training between progress lines
/// (default 60); ignored on a terminal.</param>
public sealed class ProgressPrinter(TextWriter writer, bool inPlace, double lineInterval = 60) : ITrainingObserver
{
    private const int BarWidth = 24;
    private int _epochs;
    private int _lineLength;
    private readonly double _lineInterval = lineInterval;
    private double _nextLineAt = lineInterval;

    /// <inheritdoc />
    public void OnStep(StepReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _epochs = report.Epochs;
        if (inPlace)
        {
            Draw(Bar(report));
        }
        else if (report.SecondsThisSession >= _nextLineAt)
        {
            writer.WriteLine(Bar(report));
            writer.Flush();
            _nextLineAt = report.SecondsThisSession + _lineInterval;
        }
    }

    private static string Bar(StepReport report)
    {
        var filled = report.EpochTiles == 0 ? 0 : (int)((long)BarWidth * report.Tiles / report.EpochTiles);
        var rate = report.TilesPerSecond;
        // Later epochs are assumed to hold as many tiles as this one; validation time is not included. A time budget
        // ends the run sooner when the epochs planned so far would not fit it (a budgeted run's first epoch is
        // planned with the options' epochs, before any epoch has been timed).
        var tilesLeft = report.EpochTiles - report.Tiles + (long)(report.Epochs - report.Epoch) * report.EpochTiles;
        var seconds = double.IsFinite(rate) && rate > 0 ? tilesLeft / rate : double.NaN;
        if (report.BudgetSecondsLeft is { } budget && (double.IsNaN(seconds) || seconds > budget))
        {
            seconds = Math.Max(0, budget);
        }
        var eta = double.IsNaN(seconds) ? "?" : Duration(seconds);
        return string.Create(CultureInfo.InvariantCulture,
            $"epoch {report.Epoch}/{report.Epochs} [{new string('#', filled)}{new string('.', BarWidth - filled)}] " +
            $"{report.Tiles}/{report.EpochTiles} tiles  {rate:F2} tiles/s  loss {report.Loss:F4}  ETA {eta}");
    }

    /// <inheritdoc />
    public void OnEpoch(EpochRecord record, bool isBest)
    {
        ArgumentNullException.ThrowIfNull(record);
        Clear();
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {record.Epoch}{(_epochs > 0 ? $"/{_epochs}" : "")}: train loss {record.Train.Loss:F4} F1 {record.Train.F1:F4}" +
            $" | validation loss {record.Validation.Loss:F4} F1 {record.Validation.F1:F4}" +
            $" precision {record.Validation.Precision:F4} recall {record.Validation.Recall:F4}" +
            $" | lr {record.LearningRate:G4} | {Duration(record.Seconds)}{(isBest ? "  (best so far)" : "")}"));
        writer.Flush();
    }

    /// <inheritdoc />
    public void OnNotice(string message)
    {
        Clear();
        writer.WriteLine(message);
        writer.Flush();
    }

    private void Draw(string line)
    {
        var text = new StringBuilder("\r").Append(line);
        if (line.Length < _lineLength)
        {
            text.Append(' ', _lineLength - line.Length);
        }
        _lineLength = line.Length;
        writer.Write(text.ToString());
        writer.Flush();
    }

    private void Clear()
    {
        if (_lineLength > 0)
        {
            writer.Write("\r" + new string(' ', _lineLength) + "\r");
            _lineLength = 0;
        }
    }

    private static string Duration(double seconds)
    {
        var time = TimeSpan.FromSeconds(Math.Round(seconds));
        return time.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours}h{time.Minutes:D2}m")
            : time.TotalMinutes >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{time.Minutes}m{time.Seconds:D2}s")
                : string.Create(CultureInfo.InvariantCulture, $"{seconds:F1}s");
    }
}
