using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RootSeg.Annotate.Projects;
using RootSeg.Annotate.Training;
using RootSeg.Imaging.Codecs;

namespace RootSeg.Annotate.Server;

/// <summary>
/// The JSON and image API the page uses. Photos are named by file name; any name that is not one of the project's
/// photos is refused (400 for names with folders or "..", 404 otherwise) before a file is touched.
/// </summary>
internal static class ApiEndpoints
{
    /// <summary>The largest annotation upload accepted, in bytes.</summary>
    public const int MaxUploadBytes = 64 << 20;

    public static void Map(WebApplication app, AnnotationProject project, BackgroundTrainer? trainer)
    {
        app.MapGet("/", () => PageAssets.Serve("index.html"));
        app.MapGet("/static/{file}", (string file) => PageAssets.Serve(file));

        app.MapGet("/api/status", () =>
        {
            var annotated = project.Annotated();
            return Results.Json(new
            {
                project = project.File.Name,
                photos = project.Photos.Count,
                annotated = annotated.Count,
                trainer = trainer?.Status ?? new TrainerStatus("stopped", "the trainer is off", 0, null, null, 0,
                    annotated.Count(a => a.Set == AnnotationSet.Train), annotated.Count(a => a.Set == AnnotationSet.Validation)),
            });
        });

        app.MapGet("/api/photos", () => Results.Json(project.Photos.Select(p => new
        {
            name = p,
            set = project.FindAnnotation(p)?.Set switch
            {
                AnnotationSet.Train => "train",
                AnnotationSet.Validation => "val",
                _ => null,
            },
            segmented = File.Exists(project.SegmentationPath(p)),
        })));

        app.MapGet("/api/photos/{name}/image", (string name) => Guard(() => Photo(project, name)));

        app.MapGet("/api/photos/{name}/annotation", (string name) => Guard(() =>
            project.FindAnnotation(name) is { } found
                ? Results.File(found.Path, "image/png")
                : Results.NotFound(new { error = $"{name} has no annotation" })));

        app.MapPut("/api/photos/{name}/annotation", async (string name, HttpRequest request) =>
        {
            var body = await ReadBody(request);
            return Guard(() =>
            {
                if (body is null)
                {
                    return Results.Json(new { error = $"the upload exceeds {MaxUploadBytes} bytes" },
                        statusCode: StatusCodes.Status413PayloadTooLarge);
                }
                var set = AnnotationUpload.Save(project, name, body);
                trainer?.Notify();
                return Results.Json(new { name, set = set switch
                {
                    AnnotationSet.Train => "train",
                    AnnotationSet.Validation => "val",
                    _ => null,
                } });
            });
        });

        app.MapGet("/api/photos/{name}/segmentation", (string name, HttpResponse response) => Guard(() =>
        {
            var path = project.SegmentationPath(name);
            if (trainer is null || !File.Exists(trainer.BestModelPath))
            {
                return Results.NotFound(new { error = "no model yet" });
            }
            var fresh = trainer.IsSegmentationFresh(name);
            if (!fresh)
            {
                var index = project.Photos.ToList().IndexOf(name);
                var next = project.Photos.Skip(index + 1).Take(1);
                trainer.RequestSegmentation([name, .. next]);
            }
            if (!File.Exists(path))
            {
                return Results.Json(new { pending = true }, statusCode: StatusCodes.Status202Accepted);
            }
            response.Headers["X-Segmentation-Fresh"] = fresh ? "true" : "false";
            response.Headers.CacheControl = "no-store";
            return Results.Bytes(File.ReadAllBytes(path), "image/png");
        }));
    }

    private static IResult Photo(AnnotationProject project, string name)
    {
        var path = project.PhotoPath(name);
        var type = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" => "image/jpeg",
            ".png" => "image/png",
            _ => null,
        };
        if (type is not null)
        {
            return Results.File(path, type);
        }
        // Browsers do not show TIFF: send it as PNG, converted once into a hidden cache.
        var cache = Path.Combine(project.Directory, ".cache");
        Directory.CreateDirectory(cache);
        var png = Path.Combine(cache, Path.GetFileNameWithoutExtension(name) + ".png");
        if (!File.Exists(png) || File.GetLastWriteTimeUtc(png) < File.GetLastWriteTimeUtc(path))
        {
            using var rgb = ImageFile.ReadRgb(path);
            ImageFile.Write(png, rgb);
        }
        return Results.File(png, "image/png");
    }

    private static async Task<byte[]?> ReadBody(HttpRequest request)
    {
        if (request.ContentLength > MaxUploadBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > MaxUploadBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static IResult Guard(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (AnnotationRejectedException e)
        {
            return Results.Json(new { error = e.Message },
                statusCode: e.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);
        }
        catch (ImageFileException e)
        {
            return Results.Json(new { error = e.Message }, statusCode: StatusCodes.Status500InternalServerError);
        }
    }
}
