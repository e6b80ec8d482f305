using RootSeg.Analysis.Metrics;
using RootSeg.Imaging.Annotations;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Files;
using RootSeg.Imaging.Overlays;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Cli.Commands;

/// <summary>
/// `rootseg evaluate`: compares predicted masks with annotations, pooled over all images (Table 3 of Smith et al.
/// 2020, doi:10.1186/s13007-020-00563-0) and per image (Table 4), through <see cref="EvaluationReport"/>.
/// </summary>
internal sealed class EvaluateCommand : ICommand
{
    public string Name => "evaluate";

    public string Summary => "compare predicted masks with annotations (the paper's Tables 3 and 4)";

    public string Usage => $"""
        usage: rootseg evaluate --truth DIR --pred DIR [--split FILE --subset S] [--json] [--csv FILE] [--json-out FILE]
                                [--overlays DIR [--photos DIR]] [--overwrite]

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

          --truth DIR         annotations
          --pred DIR          predicted masks
        {SplitSubset.Usage}
          --json              print the report as JSON instead of text
          --csv FILE          also write the per-image table
          --json-out FILE     also write the JSON report
          --overlays DIR      also write DIR/STEM.jpg: true positives, false positives and false negatives in
                              their colours over the photo of --photos DIR (same stem), else over black; the
                              folder 'rootseg report --overlays' shows the best and worst of
          --overwrite         replace outputs made from other folders
        """;

    public int Run(CommandOptions options)
    {
        var truthDirectory = options.Required("truth");
        var predictionDirectory = options.Required("pred");
        var json = options.Flag("json");
        var csvPath = options.String("csv");
        var jsonPath = options.String("json-out");
        var overwrite = options.Flag("overwrite");
        var subset = SplitSubset.Read(options);
        var overlays = options.String("overlays");
        var photosDirectory = options.String("photos");
        options.ThrowIfUnused();
        if (photosDirectory is not null && overlays is null)
        {
            throw new UsageException("--photos is only read to draw --overlays; give --overlays DIR too");
        }
        var photos = photosDirectory is null ? null : MaskFiles.ByStem(photosDirectory, "--photos");
        if (overlays is not null)
        {
            Directory.CreateDirectory(overlays);
        }

        var truths = MaskFiles.ByStem(truthDirectory, "--truth");
        var predictions = MaskFiles.ByStem(predictionDirectory, "--pred");
        if (subset is not null && predictions.Count > 0)
        {
            predictions = subset.Select(predictions, predictionDirectory);
        }
        if (predictions.Count == 0)
        {
            throw new FileNotFoundException($"{predictionDirectory}: no predicted masks in this folder");
        }
        var manifest = new OutputManifest
        {
            Command = Name,
            Version = CommandRouter.Version,
            Settings = OutputManifest.SettingsOf(("truth", Path.GetFullPath(truthDirectory)),
                ("pred", Path.GetFullPath(predictionDirectory)),
                ("subset", subset is null ? null : $"{subset.Name} of {Path.GetFullPath(subset.SplitPath)}")),
            Inputs = OutputManifest.Describe(predictions.Values.Concat(truths.Values)),
        };
        using var csvLock = csvPath is null ? null
            : manifest.Claim(OutputManifest.BesideFile(csvPath), csvPath, overwrite, File.Exists(csvPath), shareable: false);
        using var jsonLock = jsonPath is null ? null
            : manifest.Claim(OutputManifest.BesideFile(jsonPath), jsonPath, overwrite, File.Exists(jsonPath), shareable: false);
        using var overlaysLock = overlays is null ? null
            : OutputLock.ForFolder(overlays, new OutputRun { Command = Name, Settings = manifest.Settings });

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
                var photo = photos is not null && photos.TryGetValue(stem, out var photoPath) ? photoPath : null;
                images.Add(new ImageEvaluation(stem, Count(predictionPath, truthPath,
                    overlays is null ? null : Path.Combine(overlays, stem + ".jpg"), photo)));
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

    // The counts of one mask, and its error overlay where one is asked for.
    private static ConfusionCounts Count(string predictionPath, string truthPath, string? overlayPath, string? photoPath)
    {
        using var prediction = AnnotationMask.ReadComplete(predictionPath);
        using var truth = AnnotationMask.Read(truthPath, prediction.Width, prediction.Height);
        var counts = ConfusionCounts.Count(prediction.Labels, truth.Labels);
        if (overlayPath is not null)
        {
            using var photo = photoPath is null
                ? new Raster<byte>(prediction.Width, prediction.Height, 3)
                : ImageFile.ReadRgb(photoPath);
            if (photo.Width != prediction.Width || photo.Height != prediction.Height)
            {
                throw new InvalidDataException(
                    $"{photoPath}: the photo is {photo.Width}x{photo.Height}, the mask {predictionPath} {prediction.Width}x{prediction.Height}");
            }
            using var overlay = ErrorOverlay.Draw(photo, prediction.Labels, truth, photoPath is null ? 1f : 0.6f);
            ImageFile.Write(overlayPath, overlay, new ImageWriteOptions { JpegQuality = 90 });
        }
        return counts;
    }
}
