using System.Buffers.Binary;
using System.Text.Json;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Tests.Networks;

/// <summary>
/// Reads Fixtures/unet/arrays.json and arrays.bin, written by scripts/fixtures/unet.py with python3-torch: named
/// float32 arrays (little-endian, back to back) and the small network's width, groups and seed.
/// </summary>
internal static class UnetFixture
{
    private static readonly ArrayFixture s_fixture = new("unet");

    public static int BaseWidth => s_fixture.Int("base_width");

    public static int Groups => s_fixture.Int("groups");

    public static ulong Seed => s_fixture.Index.GetProperty("seed").GetUInt64();

    public static IEnumerable<string> Names(string prefix) => s_fixture.Names(prefix);

    public static long[] Shape(string name) => s_fixture.Shape(name);

    public static float[] Floats(string name) => s_fixture.Floats(name);

    /// <summary>The array as a new float32 tensor.</summary>
    public static Tensor Load(string name) => s_fixture.Load(name);

    /// <summary>The array (stored as 0/1 floats) as a new int64 tensor of class indices.</summary>
    public static Tensor LoadClasses(string name) => s_fixture.LoadClasses(name);

    /// <summary>The arrays named "<paramref name="prefix"/>KEY" as new tensors by KEY (the caller disposes them).</summary>
    public static Dictionary<string, Tensor> StateDict(string prefix) => s_fixture.StateDict(prefix);

    /// <inheritdoc cref="ArrayFixture.AssertClose"/>
    public static void AssertClose(string name, Tensor actual, double rtol, double atol) =>
        s_fixture.AssertClose(name, actual, rtol, atol);
}

/// <summary>
/// Named float32 arrays (little-endian, back to back) in Fixtures/NAME/arrays.bin with their shapes and offsets in
/// arrays.json, as scripts/fixtures/unet.py and unet_same.py write them.
/// </summary>
internal sealed class ArrayFixture
{
    private readonly Lazy<(JsonElement Index, float[] Data)> _fixture;

    public ArrayFixture(string name) => _fixture = new(() =>
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        using var stream = File.OpenRead(Path.Combine(folder, "arrays.json"));
        var index = JsonDocument.Parse(stream).RootElement.Clone();
        var bytes = File.ReadAllBytes(Path.Combine(folder, "arrays.bin"));
        var data = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }
        return (index, data);
    });

    public JsonElement Index => _fixture.Value.Index;

    public int Int(string key) => Index.GetProperty(key).GetInt32();

    public IEnumerable<string> Names(string prefix) =>
        _fixture.Value.Index.GetProperty("arrays").EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith(prefix, StringComparison.Ordinal));

    public long[] Shape(string name) =>
        Entry(name).GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();

    public float[] Floats(string name)
    {
        var shape = Shape(name);
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var offset = Entry(name).GetProperty("offset").GetInt64();
        return _fixture.Value.Data.AsSpan((int)offset, (int)count).ToArray();
    }

    /// <summary>The array as a new float32 tensor.</summary>
    public Tensor Load(string name) => Tensor.FromArray(Floats(name), Shape(name));

    /// <summary>The array (stored as 0/1 floats) as a new int64 tensor of class indices.</summary>
    public Tensor LoadClasses(string name) => Tensor.FromArray(Floats(name).Select(v => (long)v).ToArray(), Shape(name));

    /// <summary>The arrays named "<paramref name="prefix"/>KEY" as new tensors by KEY (the caller disposes them).</summary>
    public Dictionary<string, Tensor> StateDict(string prefix) =>
        Names(prefix).ToDictionary(n => n[prefix.Length..], Load, StringComparer.Ordinal);

    /// <summary>
    /// Asserts the shape and |a - e| &lt;= atol + rtol * max|e| for every element, the scale taken over the whole
    /// array (so that near-zero elements of a gradient are judged against the gradient's size).
    /// </summary>
    public void AssertClose(string name, Tensor actual, double rtol, double atol)
    {
        Assert.Equal(Shape(name), actual.Shape);
        var expected = Floats(name);
        using var cpu = actual.Cpu();
        var values = cpu.ToArray<float>();
        var scale = expected.Length == 0 ? 0 : expected.Max(v => Math.Abs(v));
        var bound = atol + rtol * scale;
        for (var i = 0; i < expected.Length; i++)
        {
            var error = Math.Abs(values[i] - expected[i]);
            Assert.True(error <= bound, $"{name}[{i}]: {values[i]} vs {expected[i]} (|error| {error:g3} > {bound:g3})");
        }
    }

    private JsonElement Entry(string name) =>
        _fixture.Value.Index.GetProperty("arrays").TryGetProperty(name, out var entry)
            ? entry
            : throw new KeyNotFoundException($"no array '{name}' in the fixture's arrays.json");
}
