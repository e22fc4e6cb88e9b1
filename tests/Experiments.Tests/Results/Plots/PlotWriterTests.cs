using System.Text;
using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;
using Sasg.Experiments.Results.Plots;
using Sasg.Experiments.Tests.Driver;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Results.Plots;

[NonParallelizable]
public sealed class PlotWriterTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private TemporaryDirectory _folder = null!;
    private PlotReport _report = null!;

    [OneTimeSetUp]
    public void RunTinyPlanAndPlot()
    {
        _folder = new TemporaryDirectory();
        var plan = TinyPlans.Stochastic("SGD", "SASG");
        IReadOnlyList<AlgorithmResult> results;
        using (var traces = RunTraces.Open(_folder.Path))
        {
            results = ExperimentDriver.Run(plan, traces.Begin);
            traces.Complete();
        }

        ResultsFolder.Write(_folder.Path, plan, results);
        _report = PlotWriter.WriteAll(_folder.Path);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public void WriteAll_OnARunWithTraces_WritesEveryPlotAsPngAndSvg()
    {
        string[] expected =
        [
            .. new[] { "loss", "accuracy" }.SelectMany(y => new[] { "iterations", "uploads", "bits", "seconds" }.Select(x => $"{y}-vs-{x}")),
            "uploads-per-iteration", "timeline-SGD", "timeline-SASG",
        ];

        var written = _report.Written.Select(Path.GetFileName).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_report.Directory, Is.EqualTo(Path.Combine(_folder.Path, "plots")));
            Assert.That(written, Is.EquivalentTo(expected.SelectMany(s => new[] { s + ".png", s + ".svg" })));
            Assert.That(_report.Written.All(File.Exists), Is.True);
            Assert.That(Directory.GetFiles(_report.Directory, "*.tmp-*"), Is.Empty, "no temporary files left behind");
        }
    }

    [Test]
    public void WriteAll_WithoutAKnownOptimum_SkipsTheObjectiveErrorPlotsAndSaysWhy()
    {
        Assert.That(_report.Skipped, Is.EqualTo(new[]
        {
            new SkippedPlot("objective-error-vs-*", "objective_error is NaN in every row of metrics.csv"),
        }));
    }

    [Test]
    public void WriteAll_PngFiles_HaveThePngSignatureAndRealContent()
    {
        foreach (var png in _report.Written.Where(p => p.EndsWith(".png", StringComparison.Ordinal)))
        {
            var bytes = File.ReadAllBytes(png);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(bytes.Take(8), Is.EqualTo(PngSignature), png);
                Assert.That(bytes, Has.Length.GreaterThan(10_000), png);
            }
        }
    }

    [Test]
    public void WriteAll_SvgFiles_HaveAnSvgRootNamingTheRunAndEveryMethod()
    {
        foreach (var svg in _report.Written.Where(p => p.EndsWith(".svg", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(svg, Encoding.UTF8);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(text, Does.Contain("<svg ").And.Contain("width=\"800\" height=\"500\""), svg);
                Assert.That(text, Does.Contain("tiny-stochastic"), svg);
                Assert.That(text, Has.Length.GreaterThan(10_000), svg);
                if (!Path.GetFileName(svg).StartsWith("timeline-", StringComparison.Ordinal))
                {
                    Assert.That(text, Does.Match(@">\s*SGD\s*<").And.Match(@">\s*SASG\s*<"), svg + ": legend");
                }
            }
        }
    }

    [Test]
    public void WriteAll_WithOnlyMetrics_DrawsTheMetricPlotsAndSkipsTheRestWithReasons()
    {
        using var partial = new TemporaryDirectory();
        File.Copy(Path.Combine(_folder.Path, "metrics.csv"), Path.Combine(partial.Path, "metrics.csv"));

        var report = PlotWriter.WriteAll(partial.Path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Written, Has.Count.EqualTo(16));
            Assert.That(report.Skipped.Select(s => s.ToString()), Is.SupersetOf(new[]
            {
                "uploads-per-iteration: decisions.csv not found",
                "timeline-SGD: trace.csv not found (outputs.trace is off?)",
                "timeline-SASG: trace.csv not found (outputs.trace is off?)",
            }));
            Assert.That(File.ReadAllText(Path.Combine(report.Directory, "loss-vs-uploads.svg")), Does.Contain(Path.GetFileName(partial.Path)),
                "without summary.json the folder names the run");
        }
    }

    [Test]
    public void WriteAll_OnAnEmptyFolder_WritesNothingAndSkipsEverything()
    {
        using var empty = new TemporaryDirectory();

        var report = PlotWriter.WriteAll(empty.Path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Written, Is.Empty);
            Assert.That(report.Skipped.Select(s => s.Name), Is.EqualTo(new[] { "*-vs-*", "uploads-per-iteration", "timeline-*" }));
        }
    }

    [Test]
    public void WriteAll_OnAMissingFolder_ThrowsNamingIt()
    {
        var missing = Path.Combine(_folder.Path, "no-such-run");

        Assert.That(() => PlotWriter.WriteAll(missing), Throws.TypeOf<DirectoryNotFoundException>().With.Message.Contains(missing));
    }
}
