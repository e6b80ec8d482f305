using RootSeg.Analysis.Reports;

namespace RootSeg.Cli.Commands;

/// <summary>`rootseg report`: one self-contained HTML page from a run's files (<see cref="HtmlReport"/>).</summary>
internal sealed class ReportCommand : ICommand
{
    public string Name => "report";

    public string Summary => "write one self-contained HTML page: training curves, metrics, overlays, measurements, correlation";

    public string Usage => """
        usage: rootseg report --html FILE [--run RUN_DIR]
                              [--eval DIR_OR_FILE] [--measure CSV]
                              [--correlation JSON] [--overlays DIR] [--title TEXT]

        Writes one HTML page that needs no other file: what was done and how to read it, the run summary and
        training curves (RUN_DIR/log.csv, RUN_DIR/best.json from 'rootseg train'), the paper's Tables 3 and 4 and a
        per-image table (the JSON or CSV of 'rootseg evaluate', or its folder), TP/FP/FN overlays of the best and
        worst images (DIR/STEM.png or .jpg), the measurements ('rootseg measure') and the correlation scatter
        ('rootseg correlate'; its x and y tables are read again for the points). Every input is optional: a
        part that is not given or cannot be read is named in the page and on standard error. A path given that
        does not exist gives one line 'rootseg report: PATH: ...' and exit status 1; when no input given exists
        (or none is given), no page is written.
        """;

    public int Run(CommandOptions options)
    {
        options.RefuseOutForFile("--html FILE");
        var output = options.Required("html");
        var inputs = new ReportInputs
        {
            Title = options.String("title") ?? "RootSeg report",
            RunDirectory = options.String("run"),
            Evaluation = options.String("eval"),
            Measurements = options.String("measure"),
            Correlation = options.String("correlation"),
            Overlays = options.String("overlays"),
        };
        options.ThrowIfUnused();
        var given = new (string Option, string? Path)[]
        {
            ("--run", inputs.RunDirectory), ("--eval", inputs.Evaluation), ("--measure", inputs.Measurements),
            ("--correlation", inputs.Correlation), ("--overlays", inputs.Overlays),
        }.Where(g => g.Path is not null).ToList();
        var absent = given.Where(g => !File.Exists(g.Path) && !Directory.Exists(g.Path)).ToList();
        foreach (var (option, path) in absent)
        {
            Console.Error.WriteLine($"rootseg report: {path}: no such file or folder ({option})");
        }
        if (absent.Count == given.Count)
        {
            throw new FileNotFoundException(given.Count == 0
                ? $"{output}: nothing to report; give at least one of --run, --eval, --measure, --correlation, --overlays"
                : $"{output}: not written, since none of the {given.Count} input(s) exists");
        }
        var report = HtmlReport.Create(inputs);
        report.Save(output);
        foreach (var missing in report.MissingParts)
        {
            Console.Error.WriteLine($"rootseg report: missing {missing}");
        }
        Console.WriteLine(report.MissingParts.Count == 0
            ? $"wrote {output}"
            : $"wrote {output} ({report.MissingParts.Count} part(s) missing, named in the page)");
        return absent.Count > 0 ? ExitCodes.Failed : ExitCodes.Success;
    }
}
