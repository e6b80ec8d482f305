using RootSeg.Analysis.Traits;

namespace RootSeg.Cli.Commands;

/// <summary>
/// <c>--px-per-mm X</c> or <c>--dpi D</c>: the photos' scale, without which only pixel quantities are written (a
/// pixel is never silently taken for a millimetre).
/// </summary>
internal static class ScaleOption
{
    /// <summary>The usage lines of the two options.</summary>
    public const string Usage = """
          --px-per-mm X       image scale in pixels per mm
          --dpi D             image scale in dots per inch (25.4 mm); without either, only pixel columns
        """;

    /// <summary>The calibration the options give, or null for none.</summary>
    /// <exception cref="UsageException">Both are given, or one is not a positive number.</exception>
    public static Calibration? Read(CommandOptions options)
    {
        var perMm = options.String("px-per-mm") is null ? (double?)null : options.Double("px-per-mm", 1, 1e-9, 1e6);
        var dpi = options.String("dpi") is null ? (double?)null : options.Double("dpi", 1, 1e-9, 1e7);
        if (perMm is not null && dpi is not null)
        {
            throw new UsageException("give --px-per-mm or --dpi, not both");
        }
        return perMm is { } p ? new Calibration(p) : dpi is { } d ? Calibration.FromDotsPerInch(d) : null;
    }
}
