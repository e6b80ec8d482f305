using Microsoft.AspNetCore.Http;

namespace RootSeg.Annotate.Server;

/// <summary>The page's files, embedded in the assembly (no build step, nothing fetched from elsewhere).</summary>
internal static class PageAssets
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    /// <summary>The embedded file <paramref name="name"/> (e.g. "app.js"), or 404.</summary>
    public static IResult Serve(string name)
    {
        var extension = Path.GetExtension(name);
        var stream = Types.ContainsKey(extension) && !name.Contains('/')
            ? typeof(PageAssets).Assembly.GetManifestResourceStream("wwwroot/" + name)
            : null;
        return stream is null
            ? Results.NotFound(new { error = $"no such page file: {name}" })
            : Results.Stream(stream, Types[extension]);
    }
}
