using System.Diagnostics;
using System.Globalization;
using RootSeg.Analysis.Csv;
using RootSeg.Analysis.LineIntersect;
using RootSeg.Analysis.Measurement;
using RootSeg.Analysis.Metrics;
using RootSeg.Analysis.Reports;
using RootSeg.Analysis.Statistics;
using RootSeg.Analysis.Traits;
using RootSeg.Imaging.Annotations;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Morphology;
using RootSeg.Imaging.Overlays;
using RootSeg.Imaging.Rasters;
using RootSeg.Imaging.Synthesis;
using RootSeg.Segmentation.Data;
using RootSeg.Segmentation.Inference;
using RootSeg.Segmentation.Loss;
using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Networks;
using RootSeg.Segmentation.Training;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Demo;

/// <summary>
/// The whole method of Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant Methods 16:13
/// (doi:10.1186/s13007-020-00563-0), end to end on synthetic photos, small enough for a CPU: draw photos with exact
/// root masks and true root lengths, split them as the paper does, train a small U-Net with group norm, segment the
/// held-out test photos, evaluate against the exact masks, measure, correlate segmented with true root length, and
/// write an HTML report. Every stage hands over through files in the output folder (<see cref="DemoPaths"/>).
/// </summary>
public static class DemoRun
{
    /// <summary>Runs the demo.</summary>
    /// <param name="options">Settings; checked here.</param>
    /// <param name="log">Receives friendly progress lines; not disposed.</param>
    /// <param name="interactive">Redraw the training progress bar in place (true on a terminal).</param>
    /// <param name="cancellationToken">Stops training after the current step; the demo then ends with the
    /// model of the best epoch so far.</param>
    /// <returns>Where the outputs are and the headline numbers.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="IOException">The output folder already holds a training run, or a file cannot be written.</exception>
    /// <exception cref="InvalidOperationException">Training ended without a model to test (interrupted too early).</exception>
    public static DemoResult Run(DemoOptions options, TextWriter log, bool interactive = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        options.Validate();
        var paths = new DemoPaths(Path.GetFullPath(options.OutputDirectory));
        if (File.Exists(Path.Combine(paths.Run, "checkpoint.safetensors")))
        {
            throw new IOException($"{paths.Directory} already holds a demo run; remove it or choose another --out");
        }
        Directory.CreateDirectory(paths.Directory);
        var clock = Stopwatch.StartNew();
        var calibration = new Calibration(options.PixelsPerMm);

        log.WriteLine(Step(1, clock, $"drawing {options.ImageCount} synthetic soil photos of {options.ImageSize} x {options.ImageSize} px with exact root masks"));
        var records = SyntheticDataset.Write(paths.Dataset, options.ImageCount, options.Seed,
            new RootPhotoOptions { Width = options.ImageSize, Height = options.ImageSize });

        var reader = new ImagingDatasetReader();
        var index = DatasetIndex.Scan(paths.Dataset);
        index.ThrowIfIncomplete();
        var pairs = index.Pairs.ToDictionary(p => p.Stem, StringComparer.Ordinal);
        var split = SplitPlanner.Paper(index.Stems, stem => DatasetLoader.CountRootPixels(pairs[stem].AnnotationPath, reader),
            options.TestCount, options.ValidationCount, (ulong)options.Seed);
        split.Save(paths.Split);
        log.WriteLine(Step(2, clock, $"split as in the paper: {split.Train.Count} training, {split.Validation.Count} validation, {split.Test.Count} test photos"));

        var outcome = Train(options, reader, paths, log, clock, interactive, cancellationToken);
        if (outcome.BestEpoch is not { } best)
        {
            throw new InvalidOperationException(outcome.Completed
                ? "training ended without a defined validation F1, so there is no model to test"
                : "the demo was interrupted before the first epoch ended");
        }
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"      kept the model of epoch {best} (validation F1 {outcome.BestF1:F3}){(outcome.Completed ? "" : "; training was interrupted")}"));

        log.WriteLine(Step(4, clock, $"segmenting the {split.Test.Count} held-out test photos"));
        var evaluations = new List<ImageEvaluation>();
        var measurements = new List<ImageMeasurement>();
        var measurementOptions = MeasurementOptions.Defaults(calibration) with
        {
            Grids = new LineIntersectOptions { Calibration = calibration, GridSpacingsMm = options.GridSpacingsMm },
        };
        Directory.CreateDirectory(paths.Segmentations);
        Directory.CreateDirectory(paths.Overlays);
        using (var model = ModelFile.Load(outcome.Files.BestModel))
        {
            // Automatic (large) tiles: the network is fully convolutional, and one big tile wastes far less work on
            // its discarded border than many tiles of the training size.
            var segmenter = new Segmenter(InferenceNetwork.FromModel(model));
            foreach (var stem in split.Test)
            {
                var (scored, measured) = SegmentOne(segmenter, pairs[stem], paths, measurementOptions);
                evaluations.Add(scored);
                measurements.Add(measured);
            }
        }

        log.WriteLine(Step(5, clock, "evaluating against the exact masks, measuring root length and line-intersect counts"));
        var evaluation = EvaluationReport.Create(evaluations);
        EvaluationWriter.WriteJson(evaluation, paths.EvaluationJson);
        EvaluationWriter.WriteCsv(evaluation, paths.EvaluationCsv);
        MeasurementWriter.Write(paths.Measurements, measurements, measurementOptions);

        log.WriteLine(Step(6, clock, "correlating segmented root length with the true root length"));
        WriteTrueLengths(paths.TrueLengths, records.Where(r => split.Test.Contains(r.Name)), calibration);
        var correlation = CorrelationSummary.Compute(PairedSamples.Join(
            CsvTable.Read(paths.Measurements), "length_mm", CsvTable.Read(paths.TrueLengths), "true_length_mm"));
        correlation.SaveJson(paths.Correlation);

        log.WriteLine(Step(7, clock, "writing the report"));
        var report = HtmlReport.Create(new ReportInputs
        {
            Title = "RootSeg demo: roots in synthetic soil photos",
            Introduction = Introduction(options, split),
            RunDirectory = paths.Run,
            Evaluation = paths.EvaluationJson,
            Measurements = paths.Measurements,
            Correlation = paths.Correlation,
            Overlays = paths.Overlays,
        });
        report.Save(paths.Report);
        return new DemoResult(paths, split.Train.Count, split.Validation.Count, split.Test.Count, outcome.BestEpoch,
            outcome.BestF1, evaluation.Pooled.F1, correlation.Spearman.Coefficient, correlation.Spearman.PValue,
            correlation.Regression?.RSquared ?? double.NaN, clock.Elapsed.TotalSeconds, report.MissingParts);
    }

    private static TrainingOutcome Train(DemoOptions options, IDatasetReader reader, DemoPaths paths, TextWriter log,
        Stopwatch clock, bool interactive, CancellationToken cancellationToken)
    {
        var training = new TrainingOptions
        {
            Epochs = options.Epochs,
            BaseWidth = options.BaseWidth,
            Groups = options.Groups,
            InputTile = options.InputTile,
            OutputTile = UNetGN.OutputSize(options.InputTile),
            CandidatesPerImage = options.CandidatesPerImage,
            MaxTilesPerImage = options.MaxTilesPerImage,
            Workers = options.Workers,
            Seed = (ulong)options.Seed,
        };
        log.WriteLine(Step(3, clock, $"training a U-Net (width {training.BaseWidth}, {training.Groups} groups, {training.InputTile} px tiles) for {training.Epochs} epochs on the CPU, with augmentation"));
        return TrainingSession.Run(
            new TrainingRequest { DataDirectory = paths.Dataset, SplitPath = paths.Split, RunDirectory = paths.Run, Options = training },
            reader, new ProgressPrinter(log, interactive), cancellationToken);
    }

    private static (ImageEvaluation Evaluation, ImageMeasurement Measurement) SegmentOne(Segmenter segmenter, DatasetPair pair,
        DemoPaths paths, MeasurementOptions measurementOptions)
    {
        using var photo = ImageFile.ReadRgb(pair.PhotoPath);
        using var result = segmenter.Segment(photo);
        using var truth = AnnotationMask.Read(pair.AnnotationPath, photo.Width, photo.Height);
        ImageFile.Write(Path.Combine(paths.Segmentations, pair.Stem + ".png"), result.Mask, new ImageWriteOptions { Bilevel = true });
        using (var overlay = ErrorOverlay.Draw(photo, result.Mask, truth))
        {
            ImageFile.Write(Path.Combine(paths.Overlays, pair.Stem + ".jpg"), overlay, new ImageWriteOptions { JpegQuality = 90 });
        }
        var evaluation = new ImageEvaluation(pair.Stem, Analysis.Metrics.ConfusionCounts.Count(result.Mask, truth.Labels));
        using var skeleton = Skeleton.Apply(result.Mask);
        using var distance = SinglePrecision(DistanceTransform.Euclidean(result.Mask));
        return (evaluation, ImageMeasurement.Measure(pair.Stem, result.Mask, skeleton, distance, measurementOptions));
    }

    // The distance transform is exact in double precision; the trait measurer reads single precision, ample for
    // diameters of a few pixels.
    private static Raster<float> SinglePrecision(Raster<double> source)
    {
        using (source)
        {
            var target = new Raster<float>(source.Width, source.Height);
            for (var y = 0; y < source.Height; y++)
            {
                var from = source.Row(y);
                var to = target.Row(y);
                for (var x = 0; x < from.Length; x++)
                {
                    to[x] = (float)from[x];
                }
            }
            return target;
        }
    }

    private static void WriteTrueLengths(string path, IEnumerable<SyntheticImageRecord> records, Calibration calibration)
    {
        var table = new CsvWriter(["image", "true_length_mm", "true_length_px"]);
        foreach (var record in records)
        {
            table.AddRow(record.Name, calibration.ToMm(record.TrueLength), record.TrueLength);
        }
        table.Save(path);
    }

    private static IReadOnlyList<string> Introduction(DemoOptions options, DatasetSplit split) =>
    [
        string.Create(CultureInfo.InvariantCulture,
            $"This report comes from `rootseg demo`. The photos are synthetic: {options.ImageCount} pictures of soil "
            + $"seen through a transparent tube, {options.ImageSize} x {options.ImageSize} pixels at {options.PixelsPerMm} "
            + $"pixels per mm, with pebbles, scratches, blur and noise. Because they were drawn by the program, the exact "
            + $"root outline (the annotation) and the true root length of each photo are known, which real photos never offer."),
        string.Create(CultureInfo.InvariantCulture,
            $"{split.Train.Count} photos trained the network, {split.Validation.Count} chose the best epoch and "
            + $"{split.Test.Count} were held out to test it. The network is a small version of the paper's U-Net "
            + $"(first level {options.BaseWidth} channels instead of 64) trained for {options.Epochs} epoch(s) instead "
            + $"of 80, so that the whole demo runs in minutes on an ordinary CPU; real photos need the full network and "
            + $"many more epochs."),
    ];

    private static string Step(int number, Stopwatch clock, string text) =>
        string.Create(CultureInfo.InvariantCulture, $"[{number}/7 at {clock.Elapsed:m\\:ss}] {text}");
}
