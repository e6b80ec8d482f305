using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RootSeg.Annotate.Server;
using RootSeg.Annotate.Training;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;
using RootSeg.Imaging.Synthesis;
using RootSeg.Segmentation.Data;
using RootSeg.Segmentation.Inference;
using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Training;

namespace RootSeg.Benchmarks;

/// <summary>
/// benchmarks/annotate: a simulated person annotates synthetic photos correctively through <c>rootseg annotate</c>'s
/// API while its trainer runs (RootPainter's protocol, Smith et al. 2022, doi:10.1111/nph.18387): the first two photos
/// get every root pixel and the soil more than 3 px from a root; every later photo gets only the best model's
/// mistakes (missed root red, false root green). After each photo the simulation waits for EPOCHS epochs. The best
/// model is then scored on held-out photos against their exact masks. START is where the trainer's network starts:
/// imagenet (annotate's default, the ResNet-18 U-Net with its ImageNet encoder), scratch (the same network from random
/// weights) or unet-gn (the paper's U-Net of width 8 from random weights, annotate's earlier default).
/// Arguments: [PHOTOS] [HELD_OUT] [EPOCHS_PER_PHOTO] [SEED] [START] (default 8 6 3 1 imagenet).
/// </summary>
internal sealed class AnnotateBenchmark : IBenchmark
{
    public string Name => "annotate";

    public int Run(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var start = args.Length > 4 ? args[4] : "imagenet";
        var training = start switch
        {
            "imagenet" => new AnnotateTrainingOptions(),
            "scratch" => new AnnotateTrainingOptions { Pretrained = PretrainedNames.None },
            "unet-gn" => AnnotateTrainingOptions.PaperNetwork,
            _ => throw new ArgumentException($"START must be imagenet, scratch or unet-gn, not '{start}'"),
        };
        return RunAsync(Arg(0, 8), Arg(1, 6), Arg(2, 3), Arg(3, 1), start, training).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int count, int heldOut, int epochsPerPhoto, int seed, string start,
        AnnotateTrainingOptions training)
    {
        var clock = Stopwatch.StartNew();
        var work = Path.Combine(Path.GetTempPath(), "rootseg-annotate-benchmark-" + Guid.NewGuid().ToString("N"));
        try
        {
            var data = Path.Combine(work, "data");
            SyntheticDataset.Write(data, count + heldOut, seed);
            var names = Directory.GetFiles(Path.Combine(data, "photos")).Order(StringComparer.Ordinal).ToList();
            var photos = Path.Combine(work, "photos");
            Directory.CreateDirectory(photos);
            foreach (var photo in names.Take(count))
            {
                File.Copy(photo, Path.Combine(photos, Path.GetFileName(photo)));
            }
            var project = Path.Combine(work, "project");
            long labelled = 0, pixels = 0;
            var annotated = 0;
            await using (var server = await AnnotateServer.StartAsync(new AnnotateServerOptions
            {
                ProjectDirectory = project, PhotoDirectory = photos, Training = training with { Seed = (ulong)seed },
            }))
            {
                using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
                client.DefaultRequestHeaders.Add("X-RootSeg-Token", server.Token);
                foreach (var photo in server.Project.Photos)
                {
                    using var truth = Truth(data, photo);
                    using var predicted = await Segmentation(client, photo, work);
                    using var rgba = Annotation(truth, predicted, out var n);
                    labelled += n;
                    pixels += (long)truth.Width * truth.Height;
                    var epoch = (await Status(client)).GetProperty("epoch").GetInt32();
                    var path = Path.Combine(work, "upload.png");
                    ImageFile.Write(path, rgba);
                    var response = await client.PutAsync($"api/photos/{photo}/annotation", new ByteArrayContent(File.ReadAllBytes(path)));
                    response.EnsureSuccessStatusCode();
                    annotated++;
                    // Training starts once two photos (one for training, one for validation) are annotated.
                    var status = annotated < 2 ? await Status(client) : await WaitForEpoch(client, epoch + epochsPerPhoto);
                    Console.WriteLine($"annotate: {photo}: {n} px labelled ({(predicted is null ? "dense" : "corrections")}); " +
                                      $"epoch {status.GetProperty("epoch")}, best F1 {status.GetProperty("bestF1")}, {clock.Elapsed.TotalSeconds:F0} s");
                }
            }
            var f1 = HeldOutF1(Path.Combine(project, "models", "best.safetensors"), data, names.Skip(count).ToList());
            var state = TrainerState.Read(Path.Combine(project, "models", "annotate.json"));
            var result = new Dictionary<string, object?>
            {
                ["benchmark"] = "annotate",
                ["start"] = start,
                ["network"] = training.Network,
                ["photos_annotated"] = count,
                ["held_out"] = heldOut,
                ["epochs_per_photo"] = epochsPerPhoto,
                ["labelled_fraction"] = Math.Round((double)labelled / pixels, 4),
                ["best_epoch"] = state.BestEpoch,
                ["validation_f1"] = state.BestF1 is { } v ? Math.Round(v, 4) : null,
                ["held_out_f1"] = Math.Round(f1, 4),
                ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
                ["seed"] = seed,
            };
            Console.WriteLine(JsonSerializer.Serialize(result));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static Raster<byte> Truth(string data, string photo)
    {
        using var grey = ImageFile.ReadGrey(Path.Combine(data, "annotations", Path.GetFileNameWithoutExtension(photo) + ".png"));
        var mask = new Raster<byte>(grey.Width, grey.Height);
        for (var y = 0; y < grey.Height; y++)
        {
            for (var x = 0; x < grey.Width; x++)
            {
                mask[x, y] = (byte)(grey[x, y] >= 128 ? 1 : 0);
            }
        }
        return mask;
    }

    // The best model's mask of the photo (1 root), or null while there is no model.
    private static async Task<Raster<byte>?> Segmentation(HttpClient client, string photo, string work)
    {
        if ((await Status(client)).GetProperty("modelVersion").GetInt32() == 0)
        {
            return null;
        }
        while (true)
        {
            var response = await client.GetAsync($"api/photos/{photo}/segmentation");
            if (response.StatusCode == HttpStatusCode.OK && response.Headers.GetValues("X-Segmentation-Fresh").Single() == "true")
            {
                var path = Path.Combine(work, "segmentation.png");
                await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
                using var image = ImageFile.Read(path);
                var mask = new Raster<byte>(image.Width, image.Height);
                for (var y = 0; y < image.Height; y++)
                {
                    for (var x = 0; x < image.Width; x++)
                    {
                        mask[x, y] = (byte)(image.Samples8[x, y, 3] > 0 ? 1 : 0);
                    }
                }
                return mask;
            }
            await Task.Delay(200);
        }
    }

    // Dense for the first photos (every root pixel, soil further than 3 px from roots), else only the mistakes.
    private static Raster<byte> Annotation(Raster<byte> truth, Raster<byte>? predicted, out long labelled)
    {
        var rgba = new Raster<byte>(truth.Width, truth.Height, 4);
        labelled = 0;
        for (var y = 0; y < truth.Height; y++)
        {
            for (var x = 0; x < truth.Width; x++)
            {
                var root = truth[x, y] == 1;
                var label = predicted is null
                    ? root || FarFromRoot(truth, x, y, 3)
                    : root != (predicted[x, y] == 1);
                if (label)
                {
                    rgba[x, y, root ? 0 : 1] = 255;
                    rgba[x, y, 3] = 255;
                    labelled++;
                }
            }
        }
        return rgba;
    }

    private static bool FarFromRoot(Raster<byte> truth, int x, int y, int distance)
    {
        for (var yy = Math.Max(0, y - distance); yy <= Math.Min(truth.Height - 1, y + distance); yy++)
        {
            for (var xx = Math.Max(0, x - distance); xx <= Math.Min(truth.Width - 1, x + distance); xx++)
            {
                if (truth[xx, yy] == 1)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static async Task<JsonElement> Status(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("api/status")).GetProperty("trainer");

    // Waits for the epoch; gives up after 10 minutes in which the trainer only waited (its message says why).
    private static async Task<JsonElement> WaitForEpoch(HttpClient client, int epoch)
    {
        var waitingSince = Stopwatch.StartNew();
        while (true)
        {
            var status = await Status(client);
            var state = status.GetProperty("state").GetString();
            if (state == "error" || waitingSince.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new InvalidOperationException($"the trainer is not training: {status}");
            }
            if (state != "waiting")
            {
                waitingSince.Restart();
            }
            if (status.GetProperty("epoch").GetInt32() >= epoch)
            {
                return status;
            }
            await Task.Delay(500);
        }
    }

    // Pooled F1 of the model over every pixel of the held-out photos, against their exact masks.
    private static double HeldOutF1(string model, string data, IReadOnlyList<string> photos)
    {
        using var loaded = ModelFile.Load(model);
        var segmenter = new Segmenter(InferenceNetwork.FromModel(loaded));
        var images = photos.Select(p => new TrainingImage(Path.GetFileNameWithoutExtension(p), ImageFile.ReadRgb(p),
            Truth(data, Path.GetFileName(p)))).ToList();
        try
        {
            return PhotoScorer.Score(segmenter, images).F1;
        }
        finally
        {
            images.ForEach(i => i.Dispose());
        }
    }
}
