using RootSeg.Analysis.Metrics;
using RootSeg.Imaging.Annotations;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Batch;

namespace RootSeg.Cli.Commands;

/// <summary>
/// `rootseg evaluate`: compares predicted masks with annotations, pooled over all images (Table 3 of Smith et al.
/// 2020, doi:10.1186/s13007-020-00563-0) and per image (Table 4), through <see cref="EvaluationReport"/>.
/// </summary>
internal sealed class EvaluateCommand : ICommand
{
    public string Name => "evaluate";

    public string Summary => "compare predicted masks with annotations (the paper's Tables 3 and 4)";

    public string Usage => """
        usage: rootseg evaluate --truth DIR --pred DIR [--json] [--csv FILE] [--json-out FILE]

        Pairs every mask in --pred (STEM.png, STEM.jpg, ...; .prob.png and .overlay.jpg are ignored) with the
        annotation of the same stem in --truth (grey/RGB with root where grey >= 128, 0/1, or RootPainter RGBA whose
        transparent pixels are unlabelled and left out). A predicted pixel is root where its grey value is >= 128.
        Prints accuracy, F1, precision, recall, IoU, TP/FP/TN/FN and the prediction and true means over all images
        pooled, their per-image mean and standard deviation over images holding roots, and the false positives on
        images without roots.

          --truth DIR       annotations
          --pred DIR        predicted masks
          --json            print the report as JSON instead of text
          --csv FILE        also write the per-image table
          --json-out FILE   also write the JSON report
        """;

    public int Run(CommandOptions options)
    {
        var truthDirectory = options.Required("truth");
        var predictionDirectory = options.Required("pred");
        var json = options.Flag("json");
        var csvPath = options.String("csv");
        var jsonPath = options.String("json-out");
        options.ThrowIfUnused();

        var truths = MaskFiles.ByStem(truthDirectory, "--truth");
        var predictions = MaskFiles.ByStem(predictionDirectory, "--pred");
        var images = new List<ImageEvaluation>();
        foreach (var (stem, predictionPath) in predictions)
        {
            if (!truths.TryGetValue(stem, out var truthPath))
            {
                throw new InvalidDataException($"{predictionPath}: no annotation with stem '{stem}' in {truthDirectory}");
            }
            images.Add(new ImageEvaluation(stem, Count(predictionPath, truthPath)));
        }
        if (images.Count == 0)
        {
            throw new InvalidDataException($"{predictionDirectory}: no predicted masks");
        }
        var report = EvaluationReport.Create(images);
        Console.Write(json ? EvaluationWriter.ToJson(report) + "\n" : EvaluationWriter.ToText(report));
        if (csvPath is not null)
        {
            EvaluationWriter.WriteCsv(report, csvPath);
        }
        if (jsonPath is not null)
        {
            EvaluationWriter.WriteJson(report, jsonPath);
        }
        return 0;
    }

    private static ConfusionCounts Count(string predictionPath, string truthPath)
    {
        using var grey = ImageFile.ReadGrey(predictionPath);
        using var truth = AnnotationMask.Read(truthPath, grey.Width, grey.Height);
        using var prediction = TruthLabel.FromGreyMask(grey);
        return ConfusionCounts.Count(prediction, truth.Labels);
    }
}
