using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Tests.Data;

public class DatasetSplitTests
{
    private static DatasetSplit Sample() => SplitPlanner.Random(["a", "b", "c", "d", "e"], SplitFractions.SegRoot, 9, ["e"]);

    [Fact]
    public void RoundTripsThroughAFile()
    {
        using var dir = new TemporaryDirectory();
        var path = Path.Combine(dir.Path, DatasetSplit.FileName);
        var split = Sample();
        split.Save(path);
        var loaded = DatasetSplit.Load(path);
        Assert.Equal(split.Train, loaded.Train);
        Assert.Equal(split.Validation, loaded.Validation);
        Assert.Equal(split.Test, loaded.Test);
        Assert.Equal(["e"], loaded.Excluded);
        Assert.Equal(SplitMode.Random, loaded.Mode);
        Assert.Equal(9UL, loaded.Seed);
        Assert.Equal(split.Fractions, loaded.Fractions);
        Assert.Equal([DatasetSplit.FileName], Directory.GetFiles(dir.Path).Select(Path.GetFileName)); // no temp file left
        var text = File.ReadAllText(path);
        Assert.Contains("\"schemaVersion\": 1", text);
        Assert.Contains("\"mode\": \"random\"", text);
        Assert.Contains("\"counts\"", text);
    }

    [Fact]
    public void RejectsOtherVersionsAndInconsistentFiles()
    {
        var json = Sample().ToJson();
        var future = Assert.Throws<InvalidDataException>(() => DatasetSplit.FromJson(json.Replace("\"schemaVersion\": 1", "\"schemaVersion\": 2")));
        Assert.Contains("version 2", future.Message);
        var split = Sample();
        var duplicated = (split with { Test = [.. split.Test, split.Train[0]] }).ToJson();
        Assert.Throws<InvalidDataException>(() => DatasetSplit.FromJson(duplicated));
        var wrongCount = json.Replace("\"excluded\": 1", "\"excluded\": 2");
        Assert.Contains("counts", Assert.Throws<InvalidDataException>(() => DatasetSplit.FromJson(wrongCount)).Message);
        Assert.Throws<InvalidDataException>(() => DatasetSplit.FromJson("{\"schemaVersion\": 1}"));
        Assert.Throws<InvalidDataException>(() => DatasetSplit.FromJson("not json"));
    }

    [Fact]
    public void LoadNamesTheFile()
    {
        using var dir = new TemporaryDirectory();
        var path = Path.Combine(dir.Path, "bad.json");
        File.WriteAllText(path, "{");
        Assert.Contains("bad.json", Assert.Throws<InvalidDataException>(() => DatasetSplit.Load(path)).Message);
        Assert.Throws<FileNotFoundException>(() => DatasetSplit.Load(Path.Combine(dir.Path, "none.json")));
    }
}
