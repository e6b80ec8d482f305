using System.Globalization;
using RootSeg.Analysis.Csv;
using RootSeg.Analysis.Metrics;
using RootSeg.Analysis.Statistics;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Analysis.Tests.Reports;

/// <summary>A temporary folder holding a complete, small set of report inputs, deleted on dispose.</summary>
internal sealed class ReportFiles : IDisposable
{
    public ReportFiles(params string[] imageNames)
    {
        Root = Directory.CreateTempSubdirectory("rootseg-report-").FullName;
        Names = imageNames.Length > 0 ? imageNames : ["a", "b", "c", "d"];
        Directory.CreateDirectory(Run);
        Directory.CreateDirectory(Overlays);
        File.WriteAllText(Path.Combine(Run, "log.csv"),
            "epoch,train_loss,train_f1,train_precision,train_recall,val_loss,val_f1,val_precision,val_recall,lr,seconds\n"
            + "1,0.9,0.30,0.3,0.3,0.95,0.25,0.2,0.3,0.01,10.5\n"
            + "2,0.6,0.55,0.5,0.6,0.70,0.50,0.5,0.5,0.01,11\n"
            + "3,0.4,0.70,0.7,0.7,0.55,0.62,0.6,0.6,0.01,12\n");
        File.WriteAllText(Path.Combine(Run, "best.json"),
            "{\"schemaVersion\": 1, \"network\": \"unet-gn\", \"baseWidth\": 8, \"groups\": 4, \"inputTile\": 108, \"outputTile\": 20,"
            + " \"epoch\": 3, \"metrics\": {\"validation_f1\": 0.62}}");
        // Image i has F1 falling with i, so the first is the best and the last the worst.
        Evaluation = EvaluationReport.Create(Names.Select((name, i) =>
            new ImageEvaluation(name, new ConfusionCounts(100 - 20 * i, 5 + 10 * i, 1000, 5 + 15 * i))));
        EvaluationWriter.WriteJson(Evaluation, EvaluationJson);
        EvaluationWriter.WriteCsv(Evaluation, EvaluationCsv);
        var measure = new CsvWriter(["image", "length_mm", "area_mm2", "grid10mm_root_intensity_per_m"]);
        var truth = new CsvWriter(["image", "true_length_mm"]);
        for (var i = 0; i < Names.Count; i++)
        {
            measure.AddRow(Names[i], 10.0 + 3 * i, 2.5 * i, 40.0 + i);
            truth.AddRow(Names[i], 11.0 + 2.9 * i + (i % 2) * 0.5);
        }
        measure.Save(Measurements);
        truth.Save(Truth);
        var pairs = PairedSamples.Join(CsvTable.Read(Measurements), "length_mm", CsvTable.Read(Truth), "true_length_mm");
        CorrelationSummary.Compute(pairs).SaveJson(Correlation);
        foreach (var name in Names)
        {
            using var overlay = new Raster<byte>(6, 4, 3);
            overlay.Data.Fill(200);
            ImageFile.Write(Path.Combine(Overlays, name + ".png"), overlay);
        }
    }

    public string Root { get; }

    public IReadOnlyList<string> Names { get; }

    public EvaluationReport Evaluation { get; }

    public string Run => Path.Combine(Root, "run");

    public string Overlays => Path.Combine(Root, "overlays");

    public string EvaluationJson => Path.Combine(Root, "evaluation.json");

    public string EvaluationCsv => Path.Combine(Root, "evaluation.csv");

    public string Measurements => Path.Combine(Root, "measurements.csv");

    public string Truth => Path.Combine(Root, "truth.csv");

    public string Correlation => Path.Combine(Root, "correlation.json");

    public RootSeg.Analysis.Reports.ReportInputs Inputs(string title = "Test report") => new()
    {
        Title = title,
        RunDirectory = Run,
        Evaluation = EvaluationJson,
        Measurements = Measurements,
        Correlation = Correlation,
        Overlays = Overlays,
    };

    public static string Format(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
