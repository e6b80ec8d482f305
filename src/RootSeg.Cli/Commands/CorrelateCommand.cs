using RootSeg.Analysis.Csv;
using RootSeg.Analysis.Plots;
using RootSeg.Analysis.Statistics;

namespace RootSeg.Cli.Commands;

/// <summary>
/// `rootseg correlate`: Spearman rank correlation and linear regression between two per-image columns, with a
/// scatter plot, as Smith et al. 2020 (doi:10.1186/s13007-020-00563-0) validate segmented root length against the
/// manual line-intersect counts (<see cref="CorrelationSummary"/>).
/// </summary>
internal sealed class CorrelateCommand : ICommand
{
    public string Name => "correlate";

    public string Summary => "Spearman and regression between two per-image CSV columns, with a scatter plot";

    public string Usage => """
        usage: rootseg correlate --x CSV:COLUMN --y CSV:COLUMN [--key NAME] [--plot FILE.svg] [--json] [--json-out FILE]

        Joins the two tables on the key column (default 'image'; rows found in one table only are left out) and
        prints n, Spearman's rho with p, Pearson's r with p, and the least-squares line with r^2, its p and
        standard errors.

          --x CSV:COLUMN    first measurement (e.g. measure.csv:length_mm)
          --y CSV:COLUMN    second measurement (e.g. manual.csv:intersections)
          --key NAME        column of image names in both tables (default image; a table without one, such
                            as synth's truth.csv, is keyed by its name column)
          --plot FILE       write a scatter plot with the regression line (SVG)
          --json            print the statistics as JSON instead of text (as evaluate does)
          --json-out FILE   also write the statistics as JSON
        """;

    public int Run(CommandOptions options)
    {
        var (xFile, xColumn) = Split("x", options.Required("x"));
        var (yFile, yColumn) = Split("y", options.Required("y"));
        var key = options.String("key") ?? "image";
        var plot = options.String("plot");
        bool printJson;
        try
        {
            printJson = options.Flag("json");
        }
        catch (UsageException)
        {
            throw new UsageException("--json takes no value (it prints JSON); write the statistics to a file with --json-out FILE");
        }
        var json = options.String("json-out");
        options.ThrowIfUnused();

        PairedSamples pairs;
        try
        {
            pairs = PairedSamples.Join(CsvTable.Read(xFile), xColumn, CsvTable.Read(yFile), yColumn, key);
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException)
        {
            throw new InvalidDataException(e.Message, e);
        }
        var summary = CorrelationSummary.Compute(pairs);
        Console.Write(printJson ? summary.ToJson() + "\n" : summary.ToText());
        if (json is not null)
        {
            summary.SaveJson(json);
        }
        if (plot is not null)
        {
            Charts.CorrelationScatter(pairs, $"{xColumn} against {yColumn}", $"{xColumn} ({Path.GetFileName(xFile)})",
                $"{yColumn} ({Path.GetFileName(yFile)})").Save(plot);
        }
        return 0;
    }

    // "FILE:COLUMN", split at the last colon so that file paths may hold colons.
    private static (string File, string Column) Split(string option, string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new UsageException($"--{option} must be CSV:COLUMN, not '{text}'");
        }
        return (text[..colon], text[(colon + 1)..]);
    }
}
