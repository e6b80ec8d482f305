using System.Globalization;

namespace RootSeg.Analysis.Plots;

/// <summary>
/// A linear axis whose ends and ticks fall on round numbers (1, 2, 2.5 or 5 times a power of ten), in the manner
/// of Heckbert's "Nice numbers for graph labels" (Graphics Gems, Academic Press, 1990, pp. 61-63; 2.5 is added to his 1, 2, 5).
/// </summary>
internal sealed class AxisScale
{
    private AxisScale(double minimum, double maximum, double step)
    {
        Minimum = minimum;
        Maximum = maximum;
        Step = step;
    }

    /// <summary>Lower end of the axis (a multiple of <see cref="Step"/>).</summary>
    public double Minimum { get; }

    /// <summary>Upper end of the axis (a multiple of <see cref="Step"/>).</summary>
    public double Maximum { get; }

    /// <summary>Distance between ticks.</summary>
    public double Step { get; }

    /// <summary>An axis covering [<paramref name="low"/>, <paramref name="high"/>] with about <paramref name="ticks"/> ticks.</summary>
    public static AxisScale Covering(double low, double high, int ticks = 6)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
        {
            (low, high) = (0, 1);
        }
        if (high < low)
        {
            (low, high) = (high, low);
        }
        if (high == low)
        {
            // A single value still needs an axis around it.
            var pad = low == 0 ? 1 : Math.Abs(low) * 0.1;
            (low, high) = (low - pad, high + pad);
        }
        var step = NiceStep((high - low) / Math.Max(ticks - 1, 1));
        return new AxisScale(Math.Floor(low / step) * step, Math.Ceiling(high / step) * step, step);
    }

    /// <summary>The tick values from <see cref="Minimum"/> to <see cref="Maximum"/>.</summary>
    public IReadOnlyList<double> Ticks()
    {
        var count = (int)Math.Round((Maximum - Minimum) / Step);
        return Enumerable.Range(0, count + 1).Select(i => Minimum + i * Step).ToArray();
    }

    /// <summary>Maps a value onto [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public double Map(double value, double from, double to) => from + (value - Minimum) / (Maximum - Minimum) * (to - from);

    /// <summary>A tick label with just enough decimals for the step.</summary>
    public string Label(double value)
    {
        var decimals = Math.Max(0, (int)-Math.Floor(Math.Log10(Step) + 1e-9));
        if (Step * Math.Pow(10, decimals) % 1 > 1e-6)
        {
            decimals++;
        }
        var rounded = Math.Round(value, Math.Min(decimals, 15));
        return (rounded == 0 ? 0.0 : rounded).ToString("F" + Math.Min(decimals, 15), CultureInfo.InvariantCulture);
    }

    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }
}
