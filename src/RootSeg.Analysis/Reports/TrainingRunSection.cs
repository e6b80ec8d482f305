using System.Text.Json;
using System.Xml.Linq;
using RootSeg.Analysis.Csv;
using RootSeg.Analysis.Plots;

namespace RootSeg.Analysis.Reports;

/// <summary>
/// The run summary and training curves: F1 per epoch on training and validation tiles (Smith et al. 2020,
/// "Segmentation of roots in soil with U-Net", doi:10.1186/s13007-020-00563-0, Figure 6) and the loss.
/// </summary>
internal static class TrainingRunSection
{
    public static IEnumerable<XElement> Build(string? runDirectory, MissingParts missing)
    {
        const string summaryGuide =
            "The network that was trained and how training went. An epoch is one pass over the training tiles. After "
            + "every epoch the network is scored on the validation images, which it never learns from, and the "
            + "weights of the epoch with the best validation F1 are kept: that is the model used for everything below.";
        const string curvesGuide =
            "F1 (0 = no overlap with the annotation, 1 = perfect) after each epoch, on the tiles the network learns from "
            + "(training) and on the held-back validation images. Both rising together means it is learning roots, "
            + "not memorising; validation falling while training rises would mean over-fitting. The loss is what "
            + "training minimises (Dice loss plus 0.3 x cross-entropy); lower is better. The last chart puts the "
            + "validation F1 against the wall-clock minutes of training (validation included), the accuracy a time "
            + "budget buys on this machine.";
        if (runDirectory is null)
        {
            var reason = "no training run folder was given (--run)";
            yield return ReportSection.Create("summary", "Run summary", summaryGuide, missing.Note("run summary", reason));
            yield return ReportSection.Create("training", "Training curves", curvesGuide, missing.Note("training curves", reason));
            yield break;
        }
        var model = ReadModel(Path.Combine(runDirectory, "best.json"), out var modelProblem);
        var log = ReadLog(Path.Combine(runDirectory, "log.csv"), out var logProblem);
        var summary = new List<object>();
        if (model is null && log is null)
        {
            summary.Add(missing.Note("run summary", $"{modelProblem}; {logProblem}"));
        }
        else
        {
            summary.Add(Xhtml.Table("summary", ["item", "value"], SummaryRows(model, log)));
            if (model is null)
            {
                summary.Add(missing.Note("model description", modelProblem!));
            }
        }
        yield return ReportSection.Create("summary", "Run summary", summaryGuide, summary);
        if (log is null)
        {
            yield return ReportSection.Create("training", "Training curves", curvesGuide, missing.Note("training curves", logProblem!));
            yield break;
        }
        var lossPlot = new SvgPlot("Loss per epoch", "epoch", "loss")
            .AddLine("training", log.Epochs, log.TrainLoss)
            .AddLine("validation", log.Epochs, log.ValidationLoss);
        var timePlot = new SvgPlot("Validation F1 against training time", "minutes of training", "F1")
            .AddLine("validation", log.Minutes, log.ValidationF1);
        yield return ReportSection.Create("training", "Training curves", curvesGuide,
            Xhtml.Classed("div", "charts",
                Xhtml.Classed("figure", "chart", Charts.TrainingCurves(log.TrainF1, log.ValidationF1, "F1 per epoch").ToElement()),
                Xhtml.Classed("figure", "chart", lossPlot.ToElement()),
                Xhtml.Classed("figure", "chart", timePlot.ToElement())));
    }

    private static IEnumerable<IReadOnlyList<object>> SummaryRows(ModelInfo? model, LogInfo? log)
    {
        if (model is not null)
        {
            yield return ["network", $"{model.Network}, first-level width {model.BaseWidth}, {model.Groups} GroupNorm groups"];
            yield return ["tile", $"{model.InputTile} x {model.InputTile} px in, {model.OutputTile} x {model.OutputTile} px out"];
        }
        if (log is not null)
        {
            yield return ["epochs trained", log.Epochs.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }
        var bestEpoch = model?.Epoch ?? log?.BestEpoch;
        if (bestEpoch is { } epoch)
        {
            yield return ["best epoch (kept model)", epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }
        var bestF1 = model?.ValidationF1 ?? log?.BestValidationF1 ?? double.NaN;
        yield return ["validation F1 of the kept model", Xhtml.Number(bestF1)];
        if (log is not null)
        {
            yield return ["training time", Duration(log.Seconds)];
        }
    }

    private static string Duration(double seconds) =>
        seconds >= 90
            ? FormattableString.Invariant($"{seconds / 60:F1} min ({seconds:F0} s)")
            : FormattableString.Invariant($"{seconds:F1} s");

    private static ModelInfo? ReadModel(string path, out string? problem)
    {
        problem = null;
        if (!File.Exists(path))
        {
            problem = $"the model description '{path}' does not exist";
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            double? validationF1 = null;
            if (root.TryGetProperty("metrics", out var metrics) && metrics.TryGetProperty("validation_f1", out var f1))
            {
                validationF1 = JsonValues.Number(f1);
            }
            return new ModelInfo(
                JsonValues.String(root, "network") ?? "unknown network",
                JsonValues.Int(root, "baseWidth"), JsonValues.Int(root, "groups"),
                JsonValues.Int(root, "inputTile"), JsonValues.Int(root, "outputTile"),
                root.TryGetProperty("epoch", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt32() : null,
                validationF1);
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or FormatException)
        {
            problem = $"the model description '{path}' cannot be read: {e.Message}";
            return null;
        }
    }

    private static LogInfo? ReadLog(string path, out string? problem)
    {
        problem = null;
        if (!File.Exists(path))
        {
            problem = $"the training log '{path}' does not exist";
            return null;
        }
        try
        {
            var table = CsvTable.Read(path);
            if (table.RowCount == 0)
            {
                problem = $"the training log '{path}' has no epochs yet";
                return null;
            }
            var seconds = table.NumericColumn("seconds");
            var minutes = new double[seconds.Length];
            double total = 0;
            for (var i = 0; i < seconds.Length; i++)
            {
                total += seconds[i];
                minutes[i] = total / 60;
            }
            return new LogInfo(
                table.NumericColumn("epoch"), table.NumericColumn("train_f1"), table.NumericColumn("val_f1"),
                table.NumericColumn("train_loss"), table.NumericColumn("val_loss"), minutes);
        }
        catch (Exception e) when (e is FormatException or KeyNotFoundException or IOException)
        {
            problem = $"the training log cannot be read: {e.Message}";
            return null;
        }
    }

    private sealed record ModelInfo(string Network, int BaseWidth, int Groups, int InputTile, int OutputTile, int? Epoch, double? ValidationF1);

    // Minutes: cumulative wall-clock minutes at the end of each epoch.
    private sealed record LogInfo(double[] Epochs, double[] TrainF1, double[] ValidationF1, double[] TrainLoss, double[] ValidationLoss, double[] Minutes)
    {
        public double Seconds => Minutes.Length == 0 ? 0 : Minutes[^1] * 60;

        private int BestIndex => Enumerable.Range(0, ValidationF1.Length)
            .Where(i => double.IsFinite(ValidationF1[i]))
            .DefaultIfEmpty(-1)
            .MaxBy(i => i < 0 ? double.NegativeInfinity : ValidationF1[i]);

        public int? BestEpoch => BestIndex < 0 ? null : (int)Epochs[BestIndex];

        public double? BestValidationF1 => BestIndex < 0 ? null : ValidationF1[BestIndex];
    }
}
