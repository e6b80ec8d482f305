using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RootSeg.Annotate.Server;
using RootSeg.Imaging.Annotations;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Annotate.Tests;

/// <summary>The server's API in process, over a real Kestrel on a free port, with the trainer off.</summary>
public sealed class ApiTests : IAsyncLifetime
{
    private readonly TestProject _data = new();
    private AnnotateServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await AnnotateServer.StartAsync(new AnnotateServerOptions
        {
            ProjectDirectory = _data.Directory, PhotoDirectory = _data.Photos, StartTrainer = false,
        });
        _client = ApiClient.For(_server);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task RequestsWithoutTheTokenAreRefused()
    {
        using var bare = new HttpClient { BaseAddress = _server.Address };
        Assert.Equal(HttpStatusCode.Unauthorized, (await bare.GetAsync("api/photos")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bare.GetAsync("api/photos?token=" + new string('0', 64))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bare.GetAsync("/")).StatusCode);
        var photo = _server.Project.Photos[0];
        var put = await bare.PutAsync($"api/photos/{photo}/annotation", new ByteArrayContent(Annotation(10)));
        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        AssertNoAnnotations();

        var page = await bare.GetAsync("/?token=" + _server.Token);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<canvas", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await bare.GetAsync("static/app.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bare.GetAsync("api/photos?token=" + _server.Token)).StatusCode);
    }

    [Fact]
    public void TheServerListensOnLoopbackOnlyWithALongRandomToken()
    {
        Assert.Equal("127.0.0.1", _server.Address.Host);
        Assert.Equal(64, _server.Token.Length);
        Assert.True(_server.Token.Distinct().Count() > 4, _server.Token);
    }

    [Fact]
    public async Task ListsThePhotosAndTheProjectFileNamesThem()
    {
        var photos = await _client.GetFromJsonAsync<JsonElement>("api/photos");
        var names = photos.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(3, names.Count);
        Assert.Equal(Directory.GetFiles(_data.Photos).Select(Path.GetFileName).Order(), names.Order());
        Assert.All(photos.EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("set").ValueKind));
        var projectFile = Assert.Single(Directory.GetFiles(_data.Directory, "*.seg_proj"));
        using var json = JsonDocument.Parse(File.ReadAllText(projectFile));
        Assert.Equal(names, json.RootElement.GetProperty("file_names").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("random weights", json.RootElement.GetProperty("original_model_file").GetString());
        foreach (var folder in new[] { "annotations/train", "annotations/val", "segmentations", "models" })
        {
            Assert.True(Directory.Exists(Path.Combine(_data.Directory, folder)), folder);
        }
        var image = await _client.GetAsync($"api/photos/{names[0]}/image");
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_data.Photos, names[0]!)), await image.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task SavesAnnotationsAsRootPainterDoesAndLoadsThemBack()
    {
        var photos = _server.Project.Photos;
        var sets = new List<string?>();
        foreach (var photo in photos)
        {
            var response = await _client.PutPng(photo, Annotation(20));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            sets.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("set").GetString());
        }
        // RootPainter: first to train, then one to val, then to val only while train holds 5x as many.
        Assert.Equal(["train", "val", "train"], sets);

        var saved = await _client.GetByteArrayAsync($"api/photos/{photos[0]}/annotation");
        var path = Path.Combine(_data.TrainAnnotations, Path.GetFileNameWithoutExtension(photos[0]) + ".png");
        Assert.Equal(File.ReadAllBytes(path), saved);
        using var mask = AnnotationMask.Read(path);
        Assert.Equal(AnnotationLabel.Root, mask[5, 5]);
        Assert.Equal(AnnotationLabel.Background, mask[25, 5]);
        Assert.Equal(AnnotationLabel.Unlabelled, mask[100, 100]);
        Assert.Equal(20 * 20, mask.Count(AnnotationLabel.Root));
        Assert.Equal(20 * 20, mask.Count(AnnotationLabel.Background));

        // An edit stays in its folder; an empty annotation removes the file.
        Assert.Equal(HttpStatusCode.OK, (await _client.PutPng(photos[1], Annotation(30))).StatusCode);
        Assert.Single(Directory.GetFiles(_data.ValidationAnnotations));
        var empty = await _client.PutPng(photos[1], _data.Png(new Raster<byte>(_data.Size, _data.Size, 4)));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Empty(Directory.GetFiles(_data.ValidationAnnotations));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"api/photos/{photos[1]}/annotation")).StatusCode);
    }

    [Theory]
    [InlineData("..%2F..%2Fsecret.png", HttpStatusCode.BadRequest)]
    [InlineData("..secret.jpg", HttpStatusCode.BadRequest)]
    [InlineData("..%5Csecret.png", HttpStatusCode.BadRequest)]
    [InlineData("not_a_photo.jpg", HttpStatusCode.NotFound)]
    public async Task PhotoNamesOutsideTheProjectAreRefused(string name, HttpStatusCode expected)
    {
        var put = await _client.PutAsync($"api/photos/{name}/annotation", new ByteArrayContent(Annotation(10)));
        Assert.Equal(expected, put.StatusCode);
        Assert.Contains("error", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(expected, (await _client.GetAsync($"api/photos/{name}/image")).StatusCode);
        Assert.Equal(expected, (await _client.GetAsync($"api/photos/{name}/segmentation")).StatusCode);
        AssertNoAnnotations();
        Assert.False(File.Exists(Path.Combine(_data.Root, "secret.png")));
    }

    [Fact]
    public async Task BadUploadsAreRefusedAndNothingIsWritten()
    {
        var photo = _server.Project.Photos[0];
        var cases = new Dictionary<string, byte[]>
        {
            ["wrong size"] = _data.Png(new Raster<byte>(_data.Size + 1, _data.Size, 4)),
            ["corrupt"] = [.. Annotation(10).Take(40), .. new byte[200]],
            ["not a PNG"] = "GIF89a, not an image at all"u8.ToArray(),
            ["RGB without alpha"] = _data.Png(new Raster<byte>(_data.Size, _data.Size, 3)),
            ["empty body"] = [],
        };
        foreach (var (what, body) in cases)
        {
            var response = await _client.PutPng(photo, body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {response.StatusCode}");
            var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
            Assert.Contains(photo, error, StringComparison.Ordinal);
        }
        AssertNoAnnotations();
        Assert.Empty(Directory.GetFiles(_data.Directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task WithoutAModelThereIsNoSegmentationAndTheStatusSaysSo()
    {
        var photo = _server.Project.Photos[0];
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"api/photos/{photo}/segmentation")).StatusCode);
        await _client.PutPng(photo, Annotation(10));
        var status = await _client.GetFromJsonAsync<JsonElement>("api/status");
        Assert.Equal(3, status.GetProperty("photos").GetInt32());
        Assert.Equal(1, status.GetProperty("annotated").GetInt32());
        var trainer = status.GetProperty("trainer");
        Assert.Equal("stopped", trainer.GetProperty("state").GetString());
        Assert.Equal(0, trainer.GetProperty("modelVersion").GetInt32());
        Assert.Equal(1, trainer.GetProperty("trainPhotos").GetInt32());
    }

    // Root in the top-left square of side n, background in the square beside it, the rest unlabelled.
    private byte[] Annotation(int n)
    {
        using var rgba = TestProject.Rgba(_data.Size, _data.Size, (x, y) => y < n && x < 2 * n, (x, _) => x < n);
        return _data.Png(rgba);
    }

    private void AssertNoAnnotations()
    {
        Assert.Empty(Directory.GetFiles(_data.TrainAnnotations));
        Assert.Empty(Directory.GetFiles(_data.ValidationAnnotations));
    }
}
