using RootSeg.Analysis.Metrics;
using RootSeg.Cli.Commands;

namespace RootSeg.Cli.Tests;

public sealed class ReportCommandTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void WritesThePageAndNamesTheMissingParts()
    {
        var evaluation = EvaluationReport.Create([new ImageEvaluation("a", new ConfusionCounts(5, 1, 10, 2))]);
        EvaluationWriter.WriteJson(evaluation, _folder["evaluation.json"]);

        var (code, output, error) = TestFolder.Run(new ReportCommand(),
            "--eval", _folder["evaluation.json"], "--title", "T & <t>", "--html", _folder["report.html"]);

        Assert.Equal(0, code);
        var html = File.ReadAllText(_folder["report.html"]);
        Assert.Contains("<h1>T &amp; &lt;t&gt;</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<td>0.7692</td>", html, StringComparison.Ordinal); // pooled F1 = 10 / 13
        Assert.Contains("missing run summary: no training run folder was given (--run)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("missing metrics", error, StringComparison.Ordinal);
        Assert.Contains("part(s) missing", output, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiresTheOutputAndRejectsUnknownOptions()
    {
        Assert.Throws<UsageException>(() => TestFolder.Run(new ReportCommand(), "--eval", "x.json"));
        Assert.Throws<UsageException>(() => TestFolder.Run(new ReportCommand(), "--html", _folder["r.html"], "--evaluation", "x"));
        Assert.False(File.Exists(_folder["r.html"]));
    }

    [Fact]
    public void DemoRejectsAnUnknownOptionBeforeDoingAnything()
    {
        Assert.Throws<UsageException>(() => TestFolder.Run(new DemoCommand(), "--out", _folder["demo"], "--fast"));
        Assert.False(Directory.Exists(_folder["demo"]));
    }
}
