using Microsoft.Playwright;
using RootSeg.Annotate.Server;
using RootSeg.Imaging.Annotations;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Annotate.Tests;

/// <summary>
/// The page in a real browser (Debian's chromium, which scripts/setup installs, driven by Playwright): paint both
/// classes on synthetic photos, check the saved RGBA annotations, wait for the first model and see its segmentation on
/// the canvas. Set ROOTSEG_SCREENSHOT to a path to keep a screenshot of the page.
/// </summary>
public sealed class BrowserTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly TestProject _data = new(count: 3, size: 260);

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task PaintsRootAndBackgroundSavesThemAndShowsTheSegmentation()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/setup installs Debian's chromium");
        await using var server = await AnnotateServer.StartAsync(new AnnotateServerOptions
        {
            ProjectDirectory = _data.Directory, PhotoDirectory = _data.Photos,
            Training = TrainerTests.Tiny with { CandidatesPerImage = 16 },
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 760 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(server.PageUrl);
        await page.WaitForFunctionAsync("() => window.rootseg && window.rootseg.state.pixels !== null");

        for (var i = 0; i < 5; i++)
        {
            await page.Keyboard.PressAsync("[");
        }
        Assert.Equal(3, await page.EvaluateAsync<int>("() => window.rootseg.state.size"));
        var photos = server.Project.Photos;
        var saves = 0;
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(photos[i], await page.EvaluateAsync<string>("() => window.rootseg.state.photo"));
            using var truth = _data.Mask(photos[i]);
            var (roots, backgroundRows) = Targets(truth);
            await page.Keyboard.PressAsync("q");
            foreach (var (x, y) in roots)
            {
                await Click(page, x, y);
            }
            await page.Keyboard.PressAsync("w");
            foreach (var (x0, x1, y) in backgroundRows)
            {
                await Drag(page, x0, x1, y);
            }
            saves += roots.Count + backgroundRows.Count;
            await page.WaitForFunctionAsync($"() => window.rootseg.state.saves >= {saves} && !window.rootseg.state.dirty");

            var folder = i == 0 ? _data.TrainAnnotations : _data.ValidationAnnotations;
            using var mask = AnnotationMask.Read(Path.Combine(folder, Path.GetFileNameWithoutExtension(photos[i]) + ".png"));
            Assert.All(roots, p => Assert.Equal(AnnotationLabel.Root, mask[p.X, p.Y]));
            Assert.All(backgroundRows, r => Assert.Equal(AnnotationLabel.Background, mask[(r.X0 + r.X1) / 2, r.Y]));
            Assert.True(mask.Count(AnnotationLabel.Unlabelled) > mask.Width * mask.Height / 2, "most pixels stay unlabelled");
            await page.Keyboard.PressAsync("ArrowRight");
            await page.WaitForFunctionAsync($"() => window.rootseg.state.photo === '{photos[i + 1]}' && window.rootseg.state.pixels !== null");
        }

        // The trainer starts on the two annotated photos; the third photo gets the first model's segmentation.
        await page.WaitForFunctionAsync("() => window.rootseg.state.segmentation !== null && window.rootseg.state.segmentationFresh",
            null, new PageWaitForFunctionOptions { Timeout = 150_000, PollingInterval = 250 });
        await page.Keyboard.PressAsync("a");
        var shown = await CyanPixels(page);
        await page.Keyboard.PressAsync("s");
        var hidden = await CyanPixels(page);
        await page.Keyboard.PressAsync("s");
        await page.Keyboard.PressAsync("a");
        Assert.True(shown > 20 && hidden < shown / 10, $"segmentation pixels on the canvas: {shown} shown, {hidden} hidden");
        await page.WaitForFunctionAsync("() => document.getElementById('status').textContent.includes('validation F1')");

        // Back on the second photo, its saved strokes load again under the model's segmentation.
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.WaitForFunctionAsync($"() => window.rootseg.state.photo === '{photos[1]}' && window.rootseg.state.pixels !== null && window.rootseg.state.segmentationFresh",
            null, new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 250 });
        var loaded = await page.EvaluateAsync<int>(
            "() => { const d = window.rootseg.state.pixels.data; let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; }");
        using (var saved = AnnotationMask.Read(Path.Combine(_data.ValidationAnnotations, Path.GetFileNameWithoutExtension(photos[1]) + ".png")))
        {
            Assert.Equal(saved.Count(AnnotationLabel.Root) + saved.Count(AnnotationLabel.Background), loaded);
        }
        if (Environment.GetEnvironmentVariable("ROOTSEG_SCREENSHOT") is { Length: > 0 } screenshot)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        }
        Assert.Empty(errors);
    }

    // Up to 25 root pixels spread over the photo, and 3 runs of 40 pixels with no root within 6 pixels.
    private static (List<(int X, int Y)> Roots, List<(int X0, int X1, int Y)> Rows) Targets(Raster<byte> truth)
    {
        var roots = new List<(int, int)>();
        for (var y = 8; y < truth.Height - 8 && roots.Count < 25; y += 9)
        {
            for (var x = 8; x < truth.Width - 8; x++)
            {
                if (truth[x, y] == 1 && truth[x - 1, y] == 1 && truth[x + 1, y] == 1 && truth[x, y - 1] == 1 && truth[x, y + 1] == 1)
                {
                    roots.Add((x, y));
                    break;
                }
            }
        }
        var rows = new List<(int, int, int)>();
        for (var y = 20; y < truth.Height - 20 && rows.Count < 3; y += 37)
        {
            for (var x0 = 10; x0 + 40 < truth.Width - 10; x0 += 10)
            {
                var clear = true;
                for (var yy = y - 6; yy <= y + 6 && clear; yy++)
                {
                    for (var x = x0 - 6; x <= x0 + 46 && clear; x++)
                    {
                        clear = truth[x, yy] == 0;
                    }
                }
                if (clear)
                {
                    rows.Add((x0, x0 + 40, y));
                    break;
                }
            }
        }
        Assert.True(roots.Count >= 3 && rows.Count >= 1, "the synthetic photo has too few roots or too little soil");
        return (roots, rows);
    }

    private static async Task<double[]> Screen(IPage page, int x, int y) =>
        await page.EvaluateAsync<double[]>($"() => window.rootseg.imageToClient({x}, {y})");

    private static async Task Click(IPage page, int x, int y)
    {
        var at = await Screen(page, x, y);
        await page.Mouse.MoveAsync((float)at[0], (float)at[1]);
        await page.Mouse.DownAsync();
        await page.Mouse.UpAsync();
    }

    private static async Task Drag(IPage page, int x0, int x1, int y)
    {
        var from = await Screen(page, x0, y);
        var to = await Screen(page, x1, y);
        await page.Mouse.MoveAsync((float)from[0], (float)from[1]);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)to[0], (float)to[1], new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
    }

    // Pixels of the canvas that only the cyan segmentation layer can make (soil and roots are brown to white).
    private static Task<int> CyanPixels(IPage page) => page.EvaluateAsync<int>("""
        () => {
          const c = document.getElementById('canvas');
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4) if (d[i + 1] - d[i] > 60 && d[i + 2] - d[i] > 60) n++;
          return n;
        }
        """);
}
