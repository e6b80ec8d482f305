using System.Text.Json;

namespace RootSeg.Segmentation.Tests.Models;

/// <summary>Reads the fixtures written by scripts/fixtures/trainer.py.</summary>
internal static class TrainerFixture
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "trainer", name);

    public static JsonElement Load(string name)
    {
        using var stream = File.OpenRead(PathOf(name));
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    public static float[] Floats(this JsonElement element) =>
        element.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

    public static long[] Longs(this JsonElement element) =>
        element.EnumerateArray().Select(e => e.GetInt64()).ToArray();
}
