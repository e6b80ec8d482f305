using System.Text.Json;

namespace RootSeg.Analysis.Tests.Statistics;

/// <summary>Cases from Fixtures/statistics.json, written by scripts/fixtures/analysis.py with scipy.stats.</summary>
internal static class ScipyFixture
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "statistics.json"))));

    public static IEnumerable<string> Names() =>
        Document.Value.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);

    public static JsonElement Case(string name) =>
        Document.Value.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static double[] Values(JsonElement element, string name) =>
        element.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static double Number(JsonElement element, string group, string name) =>
        element.GetProperty(group).GetProperty(name).GetDouble();
}
