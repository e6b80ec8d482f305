using System.Text.Json;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Tests.Morphology;

/// <summary>
/// Reads the reference outputs that scripts/fixtures/imaging_alg.py wrote with scikit-image 0.19.3, scipy 1.10
/// and numpy 1.24 (Fixtures/alg/*.json; images are row-major flat lists).
/// </summary>
internal static class AlgFixtures
{
    public static JsonElement Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "alg", name);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    public static IEnumerable<JsonElement> MaskCases() => Load("masks.json").GetProperty("cases").EnumerateArray();

    public static string Name(JsonElement element) => element.GetProperty("name").GetString()!;

    public static int[] Ints(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public static double[] Doubles(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static Raster<byte> Mask(JsonElement element, string property = "mask", byte foreground = 1)
    {
        var values = Ints(element, property);
        var width = element.GetProperty("width").GetInt32();
        var height = element.GetProperty("height").GetInt32();
        var raster = new Raster<byte>(width, height);
        for (var i = 0; i < values.Length; i++)
        {
            raster[i % width, i / width] = values[i] != 0 ? foreground : (byte)0;
        }
        return raster;
    }

    public static Raster<float> Image(JsonElement element, string property, int width, int height)
    {
        var values = Doubles(element, property);
        var raster = new Raster<float>(width, height);
        for (var i = 0; i < values.Length; i++)
        {
            raster[i % width, i / width] = (float)values[i];
        }
        return raster;
    }

    public static T[] Flatten<T>(Raster<T> raster) where T : unmanaged
    {
        var values = new T[raster.Width * raster.Height];
        for (var y = 0; y < raster.Height; y++)
        {
            raster.Row(y).CopyTo(values.AsSpan(y * raster.Width));
        }
        return values;
    }

    /// <summary>Names the first differing pixel, so a failure says where.</summary>
    public static void Identical<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual, int width, string what)
        where T : IEquatable<T>
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            if (!expected[i].Equals(actual[i]))
            {
                Assert.Fail($"{what}: pixel (x={i % width}, y={i / width}) is {actual[i]}, reference {expected[i]}");
            }
        }
    }
}
