using System.Globalization;
using RootSeg.Analysis.Depth;
using RootSeg.Analysis.Traits;
using RootSeg.Cli.Progress;
using RootSeg.Segmentation.Inference;
using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Pipeline;
using RootSeg.Torch;
using RootSeg.Torch.Serialization;

namespace RootSeg.Cli.Commands;

/// <summary>
/// `rootseg analyse`: from a folder of photos to a table of root traits in one command (<see cref="AnalysisRun"/>):
/// segment with a trained model as Smith et al. 2020 (doi:10.1186/s13007-020-00563-0) do, measure, and write the
/// traits, a RhizoVision Explorer-style table and depth profiles.
/// </summary>
internal sealed class AnalyseCommand : ICommand
{
    public string Name => "analyse";

    public string Summary => "photos -> masks -> one table of root traits per photo, RhizoVision-style table, depth profiles";

    public string Usage => """
        usage: rootseg analyse --model MODEL --in PHOTOS --out DIR [--px-per-mm X | --dpi D] [options]

        Segments every photo (.jpg .jpeg .png .tif .tiff) in PHOTOS into DIR/masks (resumable, like segment), measures
        every mask and writes into DIR:
          traits.csv                one row per photo: root length (skeleton, diagonal steps sqrt 2), area,
                                    diameters, volume, tips, branch points, length per diameter class, root length
                                    density, line-intersect counts; traits.settings.json describes every column
          rhizovision_features.csv  the same traits under RhizoVision Explorer's column names and units
          depth_profile.csv/.svg    root length and density per depth band (with --panel-top-mm or --tubes),
          depth_rld.svg             rooting_depth.csv with D50 and D95 per panel or tube and date
          analysis.json             settings, inputs and column descriptions; a rerun with nothing changed does
                                    nothing
        Without --px-per-mm or --dpi only pixel columns are written (no mm, no density, no depth profile).
        A photo that cannot be read, segmented or measured, or whose depth is unknown, gives one line
        'rootseg analyse: PATH: problem' and the others go on; the exit code is then 1.

          --model FILE          trained model (.safetensors from rootseg train, or a torch.save state dict)
          --masks DIR           use these masks (named by photo stem) instead of segmenting; --model not needed
          --in PATH             a photo or a folder of photos
          --out DIR             output folder (created when missing)
          --px-per-mm X         image scale in pixels per mm
          --dpi D               image scale in dots per inch (25.4 mm)
          --panel-top-mm X      rhizotron panels: depth of each photo's top row below the surface, mm
          --tubes names|FILE    minirhizotron frames: tube, window, date and session from the file names
                                (T002_L004_11.04.17_084840_004, tube03_depth40cm_2019-06-10) or from a CSV with
                                columns image, tube, depth_mm or location, date, session
          --window-height-mm H  distance between window locations along the tube, mm (with --tube-angle)
          --tube-angle DEG      tube angle from the vertical; depth = offset + location x H x cos(angle)
          --depth-offset-mm X   added to every window depth (default 0)
          --band-mm W           depth band width (default 50)
          --depth-of-field-mm F soil depth an image sees, for root length density (default 2)
          --shard K/N           analyse photos K, K+N, K+2N, ... (1-based) of the sorted list, for cluster array
                                jobs: writes DIR/parts/analyse-K-of-N.json instead of the tables; once every
                                shard is done, 'rootseg merge --out DIR' writes the tables one run would
          --pipeline N          photos decoded ahead and written behind the network at once (default 1 on the
                                CPU, 4 on CUDA)
          --device D            cpu (default) or cuda[:N]
          --threads N           CPU threads for the network, and masks measured at once (default: one per core)
        """;

    public int Run(CommandOptions options)
    {
        var modelPath = options.String("model");
        var masks = options.String("masks");
        var input = options.Required("in");
        var output = options.Required("out");
        var calibration = ScaleOption.Read(options);
        var panelTop = options.String("panel-top-mm") is null ? (double?)null : options.Double("panel-top-mm", 0, -1e6, 1e6);
        var tubes = options.String("tubes");
        var windowHeight = options.String("window-height-mm") is null ? (double?)null : options.Double("window-height-mm", 0, 1e-6, 1e6);
        var angle = options.String("tube-angle") is null ? (double?)null : options.Double("tube-angle", 0, 0, 89.999);
        var offset = options.Double("depth-offset-mm", 0, -1e6, 1e6);
        var band = options.Double("band-mm", 50, 1e-6, 1e6);
        var depthOfField = options.Double("depth-of-field-mm", 2, 1e-6, 1e6);
        var deviceText = options.String("device");
        var threads = options.Int("threads", 0, 0, 1024);
        var shard = ShardOption.Read(options);
        var device = ModelLoading.ParseDevice(deviceText);
        var pipeline = options.Int("pipeline", device.Type == DeviceType.Cuda ? 4 : 1, 1, 64);
        options.ThrowIfUnused();

        if (modelPath is null == (masks is null))
        {
            throw new UsageException("give either --model (to segment) or --masks (existing masks)");
        }
        if (panelTop is not null && tubes is not null)
        {
            throw new UsageException("--panel-top-mm (panels) and --tubes (minirhizotron frames) exclude each other");
        }
        if ((panelTop is not null || tubes is not null) && calibration is null)
        {
            throw new UsageException("a depth profile needs the photos' scale: give --px-per-mm or --dpi");
        }
        if (windowHeight is null != (angle is null))
        {
            throw new UsageException("--window-height-mm and --tube-angle go together");
        }
        var depth = panelTop is null && tubes is null ? null : new DepthSettings
        {
            Bands = new DepthBands(band),
            PanelTopMm = panelTop,
            FrameTablePath = tubes is null or "names" ? null : tubes,
            Geometry = windowHeight is { } h ? new TubeGeometry(h, angle!.Value, offset) : null,
        };
        if (calibration is null)
        {
            Console.WriteLine("no scale given (--px-per-mm or --dpi): writing pixel columns only, no mm, density or depth profile");
        }

        Segmenter? segmenter = null;
        LoadedModel? model = null;
        var progress = new AnalysisProgress();
        try
        {
            if (modelPath is not null)
            {
                Engine.Configure(EngineOptions.Default with { Threads = threads });
                model = ModelLoading.Load(modelPath, device);
                // The threshold the model chose on its validation images, as segment uses it, else the paper's 0.5.
                segmenter = new Segmenter(InferenceNetwork.FromModel(model, device), new SegmenterOptions
                {
                    Threshold = model.Description.Threshold ?? 0.5,
                    OnTiles = (done, count) => progress.Bar?.Within(done, count, "tiles"),
                });
            }
            return Analyse(new AnalysisOptions
            {
                Input = input, OutputDirectory = output, MasksDirectory = masks, Calibration = calibration, Depth = depth,
                DepthOfFieldMm = depthOfField, ModelIdentity = modelPath is null ? "" : ModelFingerprint.Of(modelPath),
                Shard = shard, Pipeline = pipeline, MeasureThreads = threads,
            }, segmenter, progress);
        }
        finally
        {
            model?.Dispose();
        }
    }

    private static int Analyse(AnalysisOptions settings, Segmenter? segmenter, AnalysisProgress progress)
    {
        var summary = AnalysisRun.Run(settings, segmenter, new InlineProgress<AnalysisEvent>(e =>
        {
            if (e.Done == 0)
            {
                progress.Bar?.Finish();
                progress.Bar = ProgressBar.ForStderr(e.Stage == AnalysisStage.Segment ? "segment" : "measure", e.Total);
                return;
            }
            progress.Bar?.Advance(e.Done, e.Worked);
        }));
        progress.Bar?.Finish();
        foreach (var (photo, problem) in summary.Failures)
        {
            Console.Error.WriteLine($"rootseg analyse: {photo}: {problem}");
        }
        var good = summary.Photos - summary.Failures.Count;
        var sharded = settings.Shard.Count > 1;
        var shard = sharded ? $"shard {settings.Shard}: " : "";
        Console.WriteLine(summary.UpToDate
            ? string.Create(CultureInfo.InvariantCulture, $"{shard}up to date: {good} of {summary.Photos} photos analysed earlier, nothing to do ({settings.OutputDirectory})")
            : string.Create(CultureInfo.InvariantCulture,
                $"{shard}segmented {summary.Segmented}, measured {summary.Measured} of {summary.Photos} photos, failed {summary.Failures.Count}; wrote {string.Join(", ", summary.Outputs)} into {settings.OutputDirectory}"));
        if (sharded)
        {
            Console.WriteLine($"once every shard is done: rootseg merge --out {settings.OutputDirectory}");
        }
        return summary.Failures.Count > 0 ? 1 : 0;
    }

    // The bar of the stage in progress, which the segmenter's tile reports reach.
    private sealed class AnalysisProgress
    {
        public ProgressBar? Bar { get; set; }
    }
}
