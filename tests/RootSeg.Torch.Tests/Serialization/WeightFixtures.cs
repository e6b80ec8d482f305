using System.Text.Json;
using RootSeg.Torch.Serialization;

namespace RootSeg.Torch.Tests.Serialization;

/// <summary>Paths to the files scripts/fixtures/weights.py wrote, and the expected tensors it recorded.</summary>
internal static class WeightFixtures
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "weights");

    public static string PathOf(string name) => Path.Combine(Folder, name);

    private static readonly Lazy<JsonDocument> Expected =
        new(() => JsonDocument.Parse(File.ReadAllBytes(PathOf("expected.json"))));

    /// <summary>The recorded tensors of one section ("weights", "checkpoint") of expected.json, in order.</summary>
    public static JsonElement Section(string name) => Expected.Value.RootElement.GetProperty(name);

    /// <summary>
    /// Asserts that <paramref name="actual"/> holds exactly the recorded tensors, in the recorded order, with the
    /// recorded dtypes and shapes and bit-identical values (floats compared after conversion to float32, which is
    /// exact for every stored float type except float64, compared as double).
    /// </summary>
    public static void AssertMatches(JsonElement expected, StateDict actual)
    {
        var names = expected.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names, actual.Keys.ToList());
        foreach (var property in expected.EnumerateObject())
        {
            var tensor = actual[property.Name];
            var record = property.Value;
            Assert.Equal(record.GetProperty("dtype").GetString(), tensor.DType.SafetensorsName());
            Assert.Equal(record.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()), tensor.Shape);
            var values = record.GetProperty("values").EnumerateArray().ToList();
            Assert.Equal(values.Count, tensor.ElementCount);
            if (tensor.DType == StoredDType.Float64)
            {
                var doubles = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(tensor.Data).ToArray();
                Assert.Equal(values.Select(v => v.GetDouble()), doubles);
            }
            else if (tensor.DType.IsFloatingPoint())
            {
                Assert.Equal(values.Select(v => (float)v.GetDouble()), tensor.ToFloatArray());
            }
            else
            {
                Assert.Equal(values.Select(v => v.GetInt64()), tensor.ToInt64Array());
            }
        }
    }
}

/// <summary>A fresh temporary folder, deleted with everything in it on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = Directory.CreateTempSubdirectory("rootseg-weights-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
