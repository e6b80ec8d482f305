using System.Text.Json;
using System.Text.Json.Serialization;

namespace RootSeg.Imaging.Tests.Codecs;

/// <summary>One fixture of Fixtures/io/manifest.json, made by scripts/fixtures/imaging_io.py.</summary>
public sealed record IoFixture
{
    [JsonPropertyName("file")] public required string File { get; init; }
    [JsonPropertyName("expected")] public required string Expected { get; init; }
    [JsonPropertyName("shape")] public required int[] Shape { get; init; }
    [JsonPropertyName("dtype")] public required string DType { get; init; }
    [JsonPropertyName("tolerance")] public required double Tolerance { get; init; }
    [JsonPropertyName("reference")] public required string Reference { get; init; }
    [JsonPropertyName("bitDepth")] public int? BitDepth { get; init; }
    [JsonPropertyName("orientation")] public int? Orientation { get; init; }
    [JsonPropertyName("annotation")] public bool Annotation { get; init; }
    [JsonPropertyName("conversion")] public string? Conversion { get; init; }

    public int Height => Shape[0];
    public int Width => Shape[1];
    public int Channels => Shape[2];
    public string FilePath => IoFixtures.PathOf(File);

    /// <summary>The reference samples as doubles, row-major (y, x, c).</summary>
    public double[] ExpectedSamples()
    {
        var bytes = System.IO.File.ReadAllBytes(IoFixtures.PathOf(Expected));
        return DType switch
        {
            "u8" => bytes.Select(b => (double)b).ToArray(),
            "u16" => Enumerable.Range(0, bytes.Length / 2).Select(i => (double)BitConverter.ToUInt16(bytes, 2 * i)).ToArray(),
            "f32" => Enumerable.Range(0, bytes.Length / 4).Select(i => (double)BitConverter.ToSingle(bytes, 4 * i)).ToArray(),
            _ => throw new InvalidDataException($"unknown dtype {DType}"),
        };
    }

    public override string ToString() => $"{File} -> {Expected}";
}

/// <summary>Loads the image-file fixtures.</summary>
public static class IoFixtures
{
    private static readonly Lazy<IoFixture[]> s_all = new(() =>
    {
        using var stream = File.OpenRead(PathOf("manifest.json"));
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("fixtures").Deserialize<IoFixture[]>()
            ?? throw new InvalidDataException("empty manifest");
    });

    public static IReadOnlyList<IoFixture> All => s_all.Value;

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "io", name);

    public static IoFixture Get(string file, string? conversion = null) =>
        All.Single(f => f.File == file && f.Conversion == conversion);

    /// <summary>Fixture names for [MemberData], filtered.</summary>
    public static TheoryData<string> Names(Func<IoFixture, bool> keep)
    {
        var data = new TheoryData<string>();
        foreach (var f in All.Where(keep))
        {
            data.Add(f.File);
        }
        return data;
    }
}

/// <summary>A scratch folder deleted after the test.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("rootseg-io-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
