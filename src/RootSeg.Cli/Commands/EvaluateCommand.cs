using RootSeg.Analysis.Metrics;
using RootSeg.Imaging.Annotations;
using RootSeg.Imaging.Files;

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
        usage: rootseg evaluate --truth DIR --pred DIR [--json] [--csv FILE] [--json-out FILE] [--overwrite]

        Pairs every mask in --pred (STEM.png, STEM.jpg, ...; .prob.png, .overlay.jpg and hidden files such as
        macOS '._' files are ignored) with the annotation of the same stem in --truth. Both are read by one rule:
        grey/RGB root where the largest channel is >= 128, 0/1 images root where 1, RootPainter RGBA (truth only)
        with transparent pixels unlabelled and left out. Prints accuracy, F1, precision, recall, IoU, TP/FP/TN/FN
        and the prediction and true means over all images pooled, their per-image mean and standard deviation over
        images holding roots, and the false positives on images without roots.

        A mask that cannot be read, has no annotation or another size gives one line 'rootseg evaluate: FILE:
        problem' and the others go on: the report and files then hold the good images and the exit status is 1.
        Each output file gets NAME.manifest.json (inputs, RootSeg version); writing over the outputs of other
        --truth/--pred folders is refused unless --overwrite.

          --truth DIR       annotations
          --pred DIR        predicted masks
          --json            print the report as JSON instead of text
          --csv FILE        also write the per-image table
          --json-out FILE   also write the JSON report
          --overwrite       replace outputs made from other folders
        """;

    public int Run(CommandOptions options)
    {
        var truthDirectory = options.Required("truth");
        var predictionDirectory = options.Required("pred");
        var json = options.Flag("json");
        var csvPath = options.String("csv");
        var jsonPath = options.String("json-out");
        var overwrite = options.Flag("overwrite");
        options.ThrowIfUnused();

        var truths = MaskFiles.ByStem(truthDirectory, "--truth");
        var predictions = MaskFiles.ByStem(predictionDirectory, "--pred");
        if (predictions.Count == 0)
        {
            throw new FileNotFoundException($"{predictionDirectory}: no predicted masks in this folder");
        }
        var outputs = new[] { csvPath, jsonPath }.OfType<string>().ToList();
        var manifest = new OutputManifest
        {
            Command = Name,
            Version = CommandRouter.Version,
            Settings = OutputManifest.SettingsOf(("truth", Path.GetFullPath(truthDirectory)),
                ("pred", Path.GetFullPath(predictionDirectory))),
            Inputs = OutputManifest.Describe(predictions.Values.Concat(truths.Values)),
        };
        foreach (var output in outputs)
        {
            manifest.Claim(OutputManifest.BesideFile(output), output, overwrite, File.Exists(output));
        }

        var images = new List<ImageEvaluation>();
        var failed = 0;
        foreach (var (stem, predictionPath) in predictions)
        {
            try
            {
                if (!truths.TryGetValue(stem, out var truthPath))
                {
                    throw new InvalidDataException($"{predictionPath}: no annotation with stem '{stem}' in {truthDirectory}");
                }
                images.Add(new ImageEvaluation(stem, Count(predictionPath, truthPath)));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
            {
                Console.Error.WriteLine($"rootseg evaluate: {CommandRouter.FailureLine(e)}");
                failed++;
            }
        }
        if (images.Count == 0)
        {
            throw new InvalidDataException($"{predictionDirectory}: none of the {predictions.Count} predicted masks could be evaluated");
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
        if (failed > 0)
        {
            Console.Error.WriteLine($"rootseg evaluate: {failed} of {predictions.Count} masks failed; the report holds the other {images.Count}");
        }
        return failed > 0 ? ExitCodes.Failed : ExitCodes.Success;
    }

    private static ConfusionCounts Count(string predictionPath, string truthPath)
    {
        using var prediction = AnnotationMask.ReadComplete(predictionPath);
        using var truth = AnnotationMask.Read(truthPath, prediction.Width, prediction.Height);
        return ConfusionCounts.Count(prediction.Labels, truth.Labels);
    }
}
