using System.Globalization;
using System.Text.RegularExpressions;

namespace RootSeg.Analysis.Depth;

/// <summary>
/// Reads tube, window, date, time and session from minirhizotron file names.
/// </summary>
/// <remarks>
/// Two kinds of names are understood, tried in this order:
/// <list type="number">
/// <item>Bartz/ICAP capture names, as in the SegRoot soybean set (Wang et al. 2019, "SegRoot: a high throughput
/// segmentation method for root image analysis", Computers and Electronics in Agriculture 162:845-854,
/// doi:10.1016/j.compag.2019.05.017): <c>[PREFIX_]T&lt;tube&gt;_L&lt;location&gt;_&lt;date&gt;[_&lt;hhmmss&gt;][_&lt;session&gt;][_...]</c>,
/// the date being three dot-separated numbers (<c>11.04.17</c>, <c>2017.06.01</c>). Example:
/// <c>T002_L004_11.04.17_084840_004.jpg</c> is tube T002, location 4, date 11.04.17, time 084840, session 004.</item>
/// <item>Keyed names that people give frames for RootPainter or RhizoVision Explorer (neither tool imposes a
/// scheme), parts separated by <c>_</c>, <c>-</c> or blanks: <c>tube&lt;N&gt;</c> or <c>T&lt;N&gt;</c>;
/// <c>loc</c>/<c>location</c>/<c>win</c>/<c>window</c>/<c>L</c> followed by the location; <c>depth&lt;number&gt;</c>
/// with an optional <c>mm</c> or <c>cm</c> (mm when none); <c>session&lt;N&gt;</c> or <c>S&lt;N&gt;</c>; a date
/// <c>YYYY-MM-DD</c> or <c>YYYY.MM.DD</c>. Example: <c>tube03_depth40cm_2019-06-10_S2.png</c>.</item>
/// </list>
/// A name is understood when it yields a tube and either a location or a depth. Dates are kept as written, because
/// the short forms are ambiguous (month first in Bartz software, day first elsewhere).
/// </remarks>
public static partial class FrameNames
{
    /// <summary>Parses <paramref name="fileName"/> (with or without folder and extension).</summary>
    /// <param name="fileName">A file name.</param>
    /// <param name="frame">The frame, when understood.</param>
    /// <returns>Whether the name was understood.</returns>
    public static bool TryParse(string fileName, out FrameInfo? frame)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var icap = IcapName().Match(stem);
        if (icap.Success)
        {
            frame = new FrameInfo(icap.Groups["tube"].Value, int.Parse(icap.Groups["loc"].Value, CultureInfo.InvariantCulture), null,
                icap.Groups["date"].Value, icap.Groups["time"].Value, icap.Groups["session"].Value);
            return true;
        }
        frame = Keyed(stem);
        return frame is not null;
    }

    /// <summary>Parses <paramref name="fileName"/>, or throws naming the file.</summary>
    /// <exception cref="FormatException">The name is not understood.</exception>
    public static FrameInfo Parse(string fileName) =>
        TryParse(fileName, out var frame) ? frame! : throw new FormatException(
            $"{Path.GetFileName(fileName)}: the file name gives no tube and window (expected e.g. T002_L004_11.04.17_084840_004 or tube03_depth40cm_2019-06-10)");

    private static FrameInfo? Keyed(string stem)
    {
        string? tube = null, date = null, session = null;
        int? location = null;
        double? depth = null;
        foreach (var word in Separators().Split(stem))
        {
            if (DatePart().IsMatch(word))
            {
                date ??= word;
                continue;
            }
            foreach (var part in word.Split('-'))
            {
                Match m;
                if (DatePart().IsMatch(part))
                {
                    date ??= part;
                }
                else if (TubePart().IsMatch(part))
                {
                    tube ??= part;
                }
                else if ((m = LocationPart().Match(part)).Success)
                {
                    location ??= int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                }
                else if ((m = DepthPart().Match(part)).Success)
                {
                    var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                    depth ??= m.Groups[2].Value.Equals("cm", StringComparison.OrdinalIgnoreCase) ? value * 10 : value;
                }
                else if ((m = SessionPart().Match(part)).Success)
                {
                    session ??= m.Groups[1].Value;
                }
            }
        }
        return tube is not null && (location is not null || depth is not null)
            ? new FrameInfo(tube, location, depth, date ?? "", "", session ?? "")
            : null;
    }

    [GeneratedRegex(@"(?:^|_)(?<tube>T\d+)_L(?<loc>\d+)_(?<date>\d{1,4}\.\d{1,2}\.\d{1,4})(?:_(?<time>\d{6}))?(?:_(?<session>\d{1,4}))?(?:_|$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IcapName();

    [GeneratedRegex(@"[_\s]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?:tube|T)0*\d+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TubePart();

    [GeneratedRegex(@"^(?:location|loc|window|win|L)(\d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LocationPart();

    [GeneratedRegex(@"^depth(\d+(?:\.\d+)?)(mm|cm)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DepthPart();

    [GeneratedRegex(@"^(?:session|S)(\d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SessionPart();

    [GeneratedRegex(@"^\d{4}[-.]\d{2}[-.]\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePart();
}
