using System.Text.Json;

namespace RootSeg.Segmentation.Tests.Augmentation;

/// <summary>Reads the JSON fixtures written by scripts/fixtures/augmentation.py.</summary>
internal static class AugmentFixture
{
    public static JsonElement Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "augment", name);
        using var stream = File.OpenRead(path);
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    public static double[] Doubles(this JsonElement element) =>
        element.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static int[] Ints(this JsonElement element) =>
        element.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public static int Int(this JsonElement element, string name) => element.GetProperty(name).GetInt32();

    public static double Double(this JsonElement element, string name) => element.GetProperty(name).GetDouble();
}
