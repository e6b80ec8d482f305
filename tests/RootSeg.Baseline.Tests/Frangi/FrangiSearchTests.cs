using RootSeg.Baseline.Frangi;
using RootSeg.Baseline.Optimization;

namespace RootSeg.Baseline.Tests.Frangi;

/// <summary>The search loop against a stand-in objective with a known optimum, so it runs in milliseconds.</summary>
public sealed class FrangiSearchTests : IDisposable
{
    private static readonly string[] Images = ["a", "b", "c"];
    private readonly string _folder = Directory.CreateTempSubdirectory("frangi-search-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Minimum 0 at max sigma 3, beta1 0.5, beta2 0.05, threshold 0.08, minimum size 100.</summary>
    private static double Objective(FrangiParameters p)
    {
        var d = Math.Pow(p.MaxSigma - 3, 2) + Math.Pow(Math.Log(p.Beta1 / 0.5), 2) + Math.Pow(Math.Log(p.Beta2 / 0.05), 2)
                + Math.Pow(Math.Log(p.Threshold / 0.08), 2) + Math.Pow(Math.Log((p.MinObjectSize + 1) / 101.0), 2);
        return 1 - Math.Exp(-d);
    }

    private string Log(string name) => Path.Combine(_folder, name);

    [Fact]
    public void FindsTheOptimumOfAKnownObjective()
    {
        var result = FrangiSearch.Run(Objective, Images, new FrangiSearchOptions { Budget = 800, Seed = 3 }, Log("s.json"));
        Assert.False(result.Resumed);
        Assert.Equal(3, result.Parameters.MaxSigma);
        Assert.Equal(0.5, result.Parameters.Beta1, 0.05);
        Assert.Equal(0.05, result.Parameters.Beta2, 0.005);
        Assert.Equal(0.08, result.Parameters.Threshold, 0.008);
        Assert.InRange(result.Parameters.MinObjectSize, 90, 112);
        Assert.True(result.Summary.Objective < 0.01, $"objective {result.Summary.Objective}");
        Assert.Equal(Objective(result.Parameters), result.Summary.Objective);
        Assert.Equal(Images, result.Summary.TrainingImages);
    }

    [Fact]
    public void SeedsMakeSearchesIdenticalAcrossThreadCounts()
    {
        var one = FrangiSearch.Run(Objective, Images,
            new FrangiSearchOptions { Budget = 200, Seed = 5, MaxDegreeOfParallelism = 1 }, Log("one.json"));
        var four = FrangiSearch.Run(Objective, Images,
            new FrangiSearchOptions { Budget = 200, Seed = 5, MaxDegreeOfParallelism = 4 }, Log("four.json"));
        Assert.Equal(one.Parameters, four.Parameters);
        Assert.Equal(one.Summary.Objective, four.Summary.Objective);
        Assert.Equal(File.ReadAllText(Log("one.json")).Replace("\"MaxDegreeOfParallelism\": 1", "", StringComparison.Ordinal),
            File.ReadAllText(Log("four.json")).Replace("\"MaxDegreeOfParallelism\": 4", "", StringComparison.Ordinal));
    }

    [Fact]
    public void InterruptedSearchResumesToTheSameResult()
    {
        var whole = FrangiSearch.Run(Objective, Images, new FrangiSearchOptions { Budget = 240, Seed = 8 },
            Log("whole.json"));

        using var cancel = new CancellationTokenSource();
        var generations = 0;
        var progress = new SynchronousProgress(_ =>
        {
            if (++generations == 7)
            {
                cancel.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => FrangiSearch.Run(Objective, Images,
            new FrangiSearchOptions { Budget = 240, Seed = 8 }, Log("cut.json"), progress, cancel.Token));
        Assert.Equal(7, FrangiSearchLog.Load(Log("cut.json")).History.Count);

        var resumed = FrangiSearch.Run(Objective, Images, new FrangiSearchOptions { Budget = 240, Seed = 8 },
            Log("cut.json"));
        Assert.True(resumed.Resumed);
        Assert.Equal(whole.Parameters, resumed.Parameters);
        Assert.Equal(whole.Summary, resumed.Summary with { TrainingImages = whole.Summary.TrainingImages });
        Assert.Equal(File.ReadAllText(Log("whole.json")), File.ReadAllText(Log("cut.json")));
    }

    [Fact]
    public void LargerBudgetContinuesAFinishedSearch()
    {
        var whole = FrangiSearch.Run(Objective, Images, new FrangiSearchOptions { Budget = 160, Seed = 2 },
            Log("whole.json"));
        var first = FrangiSearch.Run(Objective, Images, new FrangiSearchOptions { Budget = 80, Seed = 2 },
            Log("grow.json"));
        Assert.Equal(CmaEsStopReason.MaxEvaluations, first.Summary.StopReason);
        var more = FrangiSearch.Run(Objective, Images, new FrangiSearchOptions { Budget = 160, Seed = 2 },
            Log("grow.json"));
        Assert.Equal(160, more.Summary.Evaluations);
        Assert.Equal(whole.Parameters, more.Parameters);
    }

    [Fact]
    public void LogOfAnotherSearchIsRefused()
    {
        FrangiSearch.Run(Objective, Images, new FrangiSearchOptions { Budget = 16, Seed = 2 }, Log("other.json"));
        var e = Assert.Throws<InvalidDataException>(() => FrangiSearch.Run(Objective, ["a", "b"],
            new FrangiSearchOptions { Budget = 16, Seed = 2 }, Log("other.json")));
        Assert.Contains("other.json", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => FrangiSearch.Run(Objective, Images,
            new FrangiSearchOptions { Budget = 16, Seed = 3 }, Log("other.json")));
    }

    [Fact]
    public void EveryEvaluatedParameterSetIsInRange()
    {
        var seen = new System.Collections.Concurrent.ConcurrentBag<FrangiParameters>();
        FrangiSearch.Run(p =>
        {
            seen.Add(p);
            return Objective(p);
        }, Images, new FrangiSearchOptions { Budget = 300, Seed = 4, InitialStepSize = 1 }, Log("range.json"));
        Assert.Equal(304, seen.Count);
        Assert.All(seen, p => p.Validate());
    }

    private sealed class SynchronousProgress(Action<FrangiSearchProgress> report) : IProgress<FrangiSearchProgress>
    {
        public void Report(FrangiSearchProgress value) => report(value);
    }
}
