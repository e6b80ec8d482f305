using System.Text.Json;
using RootSeg.Torch;

namespace RootSeg.Torch.Tests;

/// <summary>Reads Fixtures/torch_ops.json, written by scripts/fixtures/torch_ops.py with python3-torch.</summary>
internal static class Fixtures
{
    private static readonly Lazy<JsonElement> s_cases = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch_ops.json");
        using var stream = File.OpenRead(path);
        return JsonDocument.Parse(stream).RootElement.GetProperty("cases").Clone();
    });

    public static JsonElement Case(string name) => s_cases.Value.GetProperty(name);

    public static long[] Shape(string caseName, string tensor) =>
        Case(caseName).GetProperty(tensor).GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();

    public static float[] Floats(string caseName, string tensor) =>
        Case(caseName).GetProperty(tensor).GetProperty("data").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

    public static long[] Longs(string caseName, string tensor) =>
        Case(caseName).GetProperty(tensor).GetProperty("data").EnumerateArray().Select(e => e.GetInt64()).ToArray();

    public static bool[] Bools(string caseName, string tensor) =>
        Case(caseName).GetProperty(tensor).GetProperty("data").EnumerateArray().Select(e => e.GetBoolean()).ToArray();

    /// <summary>The fixture tensor as a new tensor (float32 or int64 as stored).</summary>
    public static Tensor Load(string caseName, string tensor)
    {
        var dtype = Case(caseName).GetProperty(tensor).GetProperty("dtype").GetString();
        var shape = Shape(caseName, tensor);
        return dtype switch
        {
            "float32" => Tensor.FromArray(Floats(caseName, tensor), shape),
            "int64" => Tensor.FromArray(Longs(caseName, tensor), shape),
            "bool" => Tensor.FromArray(Bools(caseName, tensor), shape),
            _ => throw new InvalidDataException($"fixture {caseName}.{tensor} has dtype {dtype}"),
        };
    }

    /// <summary>
    /// Asserts that <paramref name="actual"/> has the fixture's shape and values within
    /// |a - e| &lt;= atol + rtol * |e|.
    /// </summary>
    public static void AssertClose(string caseName, string tensor, Tensor actual, double rtol = 1e-5, double atol = 1e-6)
    {
        Assert.Equal(Shape(caseName, tensor), actual.Shape);
        var dtype = Case(caseName).GetProperty(tensor).GetProperty("dtype").GetString();
        switch (dtype)
        {
            case "int64":
                Assert.Equal(Longs(caseName, tensor), actual.ToArray<long>());
                return;
            case "bool":
                Assert.Equal(Bools(caseName, tensor), actual.ToArray<bool>());
                return;
        }
        var expected = Floats(caseName, tensor);
        var values = actual.ToArray<float>();
        for (var i = 0; i < expected.Length; i++)
        {
            var tolerance = atol + rtol * Math.Abs(expected[i]);
            if (!(Math.Abs(values[i] - expected[i]) <= tolerance))
            {
                Assert.Fail($"{caseName}.{tensor}[{i}]: expected {expected[i]:R}, got {values[i]:R} (tolerance {tolerance:G3})");
            }
        }
    }
}
