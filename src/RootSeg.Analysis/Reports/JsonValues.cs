using System.Text.Json;

namespace RootSeg.Analysis.Reports;

/// <summary>Reads optional values from JSON documents written by RootSeg, where null stands for an undefined number.</summary>
internal static class JsonValues
{
    /// <summary>The number, or NaN for null; throws <see cref="FormatException"/> for anything else.</summary>
    public static double Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.Null => double.NaN,
        _ => throw new FormatException($"expected a number, found {value.ValueKind}"),
    };

    /// <summary>The number in property <paramref name="name"/>, NaN when it is absent or null.</summary>
    public static double Number(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? Number(value) : double.NaN;

    /// <summary>The integer in property <paramref name="name"/>; throws <see cref="FormatException"/> when absent.</summary>
    public static int Int(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt32()
            : throw new FormatException($"'{name}' is missing or not a number");

    /// <summary>The string in property <paramref name="name"/>, or null.</summary>
    public static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
