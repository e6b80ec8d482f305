using RootSeg.Baseline.Frangi;
using RootSeg.Baseline.Optimization;

namespace RootSeg.Baseline.Tests.Frangi;

public sealed class FrangiParametersFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frangi-params-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void RoundTripsExactlyAndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(_folder, "params.json");
        var file = new FrangiParametersFile
        {
            Parameters = new FrangiParameters(3, 0.123456789012345, 0.0421, 0.07, 37),
            Search = new FrangiSearchSummary(0.4123, 400, 50, CmaEsStopReason.MaxEvaluations, 7, ["a", "b"]),
        };
        file.Save(path);
        Assert.False(File.Exists(path + ".tmp"));
        var loaded = FrangiParametersFile.Load(path);
        Assert.Equal(file.Parameters, loaded.Parameters);
        Assert.Equal(0.4123, loaded.Search!.Objective);
        Assert.Equal(["a", "b"], loaded.Search.TrainingImages);
        Assert.Contains("\"maxSigma\": 3", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void OutOfRangeParameterIsRejectedNamingTheFile()
    {
        var path = Path.Combine(_folder, "bad.json");
        new FrangiParametersFile { Parameters = new FrangiParameters(3, 0.5, 0.1, 0.1, 0) }.Save(path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"maxSigma\": 3", "\"maxSigma\": 9",
            StringComparison.Ordinal));
        var e = Assert.Throws<InvalidDataException>(() => FrangiParametersFile.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxSigma", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"format\": \"something-else\", \"version\": 1, \"parameters\": {\"maxSigma\": 2, \"beta1\": 1, " +
                "\"beta2\": 1, \"threshold\": 0.1, \"minObjectSize\": 0}}", "format")]
    [InlineData("{\"format\": \"rootseg-frangi-parameters\", \"version\": 2, \"parameters\": {\"maxSigma\": 2, " +
                "\"beta1\": 1, \"beta2\": 1, \"threshold\": 0.1, \"minObjectSize\": 0}}", "version 2")]
    [InlineData("not json", "not a Frangi parameters file")]
    public void ForeignFilesAreRejectedNamingTheFile(string content, string expected)
    {
        var path = Path.Combine(_folder, "foreign.json");
        File.WriteAllText(path, content);
        var e = Assert.Throws<InvalidDataException>(() => FrangiParametersFile.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        var path = Path.Combine(_folder, "missing.json");
        Assert.Contains(path, Assert.Throws<FileNotFoundException>(() => FrangiParametersFile.Load(path)).Message,
            StringComparison.Ordinal);
    }
}
