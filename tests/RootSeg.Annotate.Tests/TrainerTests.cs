using System.Net;
using RootSeg.Annotate.Server;
using RootSeg.Annotate.Training;
using RootSeg.Imaging.Codecs;

namespace RootSeg.Annotate.Tests;

/// <summary>The background trainer through the server: first model, segmentation of a photo, resuming after a restart.</summary>
public sealed class TrainerTests : IDisposable
{
    /// <summary>Tiny settings (the paper's network, small) so that an epoch takes about a second on a CPU.</summary>
    internal static readonly AnnotateTrainingOptions Tiny = AnnotateTrainingOptions.PaperNetwork with
    {
        BaseWidth = 8, Groups = 4, InputTile = 252, BatchSize = 4, CandidatesPerImage = 8, MaxTilesPerImage = 4,
    };

    private readonly TestProject _data = new(count: 3, size: 260);

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task TrainsOnTheFirstAnnotationsSegmentsAPhotoAndResumesAfterARestart()
    {
        var options = new AnnotateServerOptions
        {
            ProjectDirectory = _data.Directory, PhotoDirectory = _data.Photos, Training = Tiny,
        };
        int epochs, version;
        string photo;
        await using (var server = await AnnotateServer.StartAsync(options))
        {
            using var client = ApiClient.For(server);
            Assert.Equal("waiting", await WaitForState(client, s => s.GetProperty("state").GetString() == "waiting"));
            var photos = server.Project.Photos;
            foreach (var name in photos.Take(2))
            {
                using var truth = _data.Mask(name);
                using var rgba = TestProject.Rgba(_data.Size, _data.Size, (x, y) => truth[x, y] == 1 || x % 3 == 0,
                    (x, y) => truth[x, y] == 1);
                Assert.Equal(HttpStatusCode.OK, (await client.PutPng(name, _data.Png(rgba))).StatusCode);
            }
            await WaitForState(client, s => s.GetProperty("modelVersion").GetInt32() >= 1);
            Assert.True(File.Exists(Path.Combine(_data.Directory, "models", "best.safetensors")));
            Assert.True(File.Exists(Path.Combine(_data.Directory, "models", "run", "checkpoint.safetensors")));

            photo = photos[2];
            var png = await WaitForSegmentation(client, photo);
            var path = Path.Combine(_data.Root, "segmentation.png");
            await File.WriteAllBytesAsync(path, png);
            using var image = ImageFile.Read(path);
            Assert.Equal((_data.Size, _data.Size, 4), (image.Width, image.Height, image.Channels));
            var samples = image.Samples8;
            for (var y = 0; y < image.Height; y++)
            {
                for (var x = 0; x < image.Width; x++)
                {
                    var pixel = (samples[x, y, 0], samples[x, y, 1], samples[x, y, 2], samples[x, y, 3]);
                    Assert.True(pixel is (0, 0, 0, 0) or (0, 255, 255, 178), $"pixel {x},{y} is {pixel}");
                }
            }
            var status = await client.Status();
            epochs = status.GetProperty("epoch").GetInt32();
            version = status.GetProperty("modelVersion").GetInt32();
            Assert.True(epochs >= 1);
        }

        // A new server on the same project starts from the checkpoint, the best model and its version.
        await using (var server = await AnnotateServer.StartAsync(options with { StartTrainer = false }))
        {
            using var client = ApiClient.For(server);
            Assert.True(File.Exists(Path.Combine(_data.Directory, "segmentations", Path.GetFileNameWithoutExtension(photo) + ".png")));
            var trainer = new BackgroundTrainer(server.Project, Tiny);
            Assert.True(trainer.Status.Epoch >= epochs);
            Assert.True(trainer.Status.ModelVersion >= version);
            trainer.Start();
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (trainer.Status.Epoch <= epochs && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            Assert.True(trainer.Status.Epoch > epochs, $"no epoch after the restart: {trainer.Status}");
            trainer.Dispose();
            Assert.Equal("stopped", trainer.Status.State);
        }
    }

    [Fact]
    public async Task ByDefaultTheFirstModelStartsFromTheImageNetEncoderAndARestartKeepsTheNetwork()
    {
        // The default network on small tiles, so that an epoch stays short on a CPU.
        var training = new AnnotateTrainingOptions { InputTile = 64, Margin = 8, CandidatesPerImage = 8, MaxTilesPerImage = 2 };
        Assert.Equal("resnet18-unet", training.Network);
        var options = new AnnotateServerOptions
        {
            ProjectDirectory = _data.Directory, PhotoDirectory = _data.Photos, Training = training,
        };
        await using (var server = await AnnotateServer.StartAsync(options))
        {
            using var client = ApiClient.For(server);
            foreach (var name in server.Project.Photos.Take(2))
            {
                using var truth = _data.Mask(name);
                using var rgba = TestProject.Rgba(_data.Size, _data.Size, (x, y) => truth[x, y] == 1 || x % 3 == 0,
                    (x, y) => truth[x, y] == 1);
                Assert.Equal(HttpStatusCode.OK, (await client.PutPng(name, _data.Png(rgba))).StatusCode);
            }
            await WaitForState(client, s => s.GetProperty("modelVersion").GetInt32() >= 1);
        }
        var model = RootSeg.Segmentation.Models.ModelFile.ReadDescription(Path.Combine(_data.Directory, "models", "best.safetensors"));
        Assert.Equal("resnet18-unet", model.Network);
        Assert.StartsWith("imagenet: ResNet18.onnx", model.EncoderWeights);

        // A project that began with the ResNet U-Net goes on with it even where the caller's default is another.
        var continuing = AnnotateTrainingOptions.PaperNetwork.ContinuingRun(Path.Combine(_data.Directory, "models", "run"));
        Assert.Equal(("resnet18-unet", 64, 64, 48), (continuing.Network, continuing.BaseWidth, continuing.InputTile,
            continuing.InputTile - 2 * continuing.Margin));
        Assert.Same(Tiny, Tiny.ContinuingRun(Path.Combine(_data.Root, "no-run-here")));
    }

    private static async Task<string?> WaitForState(HttpClient client, Func<System.Text.Json.JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var status = await client.Status();
            if (done(status))
            {
                return status.GetProperty("state").GetString();
            }
            Assert.True(status.GetProperty("state").GetString() != "error", status.ToString());
            Assert.True(DateTime.UtcNow < deadline, $"timed out; last status {status}");
            await Task.Delay(250);
        }
    }

    internal static async Task<byte[]> WaitForSegmentation(HttpClient client, string photo)
    {
        // Photos are segmented between epochs, so this may wait for one to end.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var response = await client.GetAsync($"api/photos/{photo}/segmentation");
            if (response.StatusCode == HttpStatusCode.OK && response.Headers.GetValues("X-Segmentation-Fresh").Single() == "true")
            {
                return await response.Content.ReadAsByteArrayAsync();
            }
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, response.StatusCode.ToString());
            Assert.True(DateTime.UtcNow < deadline, "no segmentation in time");
            await Task.Delay(250);
        }
    }
}
