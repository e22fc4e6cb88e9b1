using System.Globalization;
using Newtonsoft.Json.Linq;
using Sasg.Experiments.Scenarios;
using Sasg.Experiments.Sweeps;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Sweeps;

[NonParallelizable]
public sealed class SweepPlotsTests
{
    [TestCase(new[] { 1.0, 10.0, 1000.0 }, true, TestName = "LogScales_NumericAxisOverThreeDecades_IsLogOnX")]
    [TestCase(new[] { 0.0, 1.0, 1000.0 }, true, TestName = "LogScales_NumericAxisWithAZero_DecidesOnThePositiveValues")]
    [TestCase(new[] { 10.0, 100.0, 1000.0 }, true, TestName = "LogScales_NumericAxisOfExactlyTwoDecades_IsLogOnX")]
    [TestCase(new[] { 3.0, 4.0, 100.0 }, false, TestName = "LogScales_NumericAxisWithinTwoDecades_IsLinear")]
    [TestCase(new[] { -1.0, 10.0, 1000.0 }, false, TestName = "LogScales_NumericAxisWithANegativeValue_IsLinear")]
    public void LogScales_NumericAxis(double[] values, bool expected)
    {
        var axis = new ScenarioSweepAxis("data.workers", [.. values.Select(v => new JValue(v))]);

        Assert.That(SweepPlots.LogScales(axis, [1.0, 2.0]), Is.EqualTo((expected, false)));
    }

    [Test]
    public void LogScales_CategoricalAxis_StaysLinear()
    {
        var axis = new ScenarioSweepAxis("network.uplink", [new JValue("1Kbps"), new JValue("1Gbps")]);

        Assert.That(SweepPlots.LogScales(axis, [1.0, 2.0]).X, Is.False);
    }

    [TestCase(new[] { 0.001, 0.5, 2.0 }, true)]
    [TestCase(new[] { 0.0, 0.5, 2.0 }, false)]
    [TestCase(new[] { 0.5 }, false)]
    public void LogScales_Metric_IsLogWhenItSpansMoreThanTwoDecades(double[] ys, bool expected)
    {
        var axis = new ScenarioSweepAxis("network.uplink", [new JValue("1Mbps")]);

        Assert.That(SweepPlots.LogScales(axis, ys).Y, Is.EqualTo(expected));
    }

    [Test]
    public void Run_SimulatedTimesDecadesApart_DrawsThemOnALabelledLogAxis()
    {
        using var folder = new TemporaryDirectory();
        var json = TinySweep.Json(iterations: 5);
        json["outputs"]!["plots"] = true;
        json["sweep"] = JObject.Parse("""{ "network.uplink": ["100Kbps", "1Gbps"] }""");
        var scenario = TinySweep.Scenario(json);

        var outcome = SweepRunner.Run(scenario, folder.Path);

        var lines = File.ReadAllLines(outcome.CsvPath);
        var column = Array.IndexOf(lines[0].Split(','), "simulated_seconds");
        var seconds = lines.Skip(1).Select(l => double.Parse(l.Split(',')[column], CultureInfo.InvariantCulture)).ToList();
        var stem = Path.Combine(folder.Path, "plots", "simulated-seconds-vs-network.uplink");
        var texts = File.ReadAllLines(stem + ".svg").Select(l => l.Trim()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(SweepPlots.LogScales(scenario.Sweep!.Axes[0], seconds), Is.EqualTo((false, true)), "the swept times span decades");
            Assert.That(File.ReadAllBytes(stem + ".png"), Has.Length.GreaterThan(10_000));
            Assert.That(texts, Has.Member("simulated time (s), log scale").And.Member("100Kbps").And.Member("1Gbps"));
            Assert.That(texts.Where(t => t is "0.001" or "0.01" or "0.1" or "1" or "10" or "100" or "1000"), Is.Not.Empty, "powers of ten labelled with their values");
        }
    }

    [Test]
    public void FillAxis_TwoOtherAxes_IsTheOneWithTwoValues()
    {
        var sweep = ThreeAxes(workers: 3, uplinks: 2, latencies: 3).Sweep!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(SweepPlots.FillAxis(sweep, 0), Is.EqualTo(1), "against M: the 2 uplinks filled and open, the 3 latencies by shape");
            Assert.That(SweepPlots.FillAxis(sweep, 1), Is.Null, "3 workers and 3 latencies: no axis of two values");
            Assert.That(SweepPlots.FillAxis(sweep, 2), Is.EqualTo(1));
            Assert.That(SweepPlots.FillAxis(ThreeAxes(workers: 2, uplinks: 2, latencies: 2).Sweep!, 2), Is.Zero, "both of two values: the earlier");
        }
    }

    [Test]
    public void FillAxis_TooManyShapesOrNotExactlyTwoOtherAxes_IsNone()
    {
        var json = TinySweep.Json(iterations: 5);
        json["sweep"] = JObject.Parse("""{ "data.workers": [3, 4], "network.uplink": ["1Mbps", "1Gbps"] }""");
        var twoAxes = TinySweep.Scenario(json).Sweep!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(SweepPlots.FillAxis(ThreeAxes(workers: 2, uplinks: 2, latencies: 5).Sweep!, 0), Is.EqualTo(1), "5 shapes come filled and open");
            Assert.That(SweepPlots.FillAxis(ThreeAxes(workers: 2, uplinks: 2, latencies: 6).Sweep!, 0), Is.Null, "6 shapes do not");
            Assert.That(SweepPlots.FillAxis(twoAxes, 0), Is.Null, "one other axis keeps its markers");
        }
    }

    [Test]
    public void Run_AgainstWorkersWithTwoOtherAxes_NamesEachShapeAndFillOnce()
    {
        using var folder = new TemporaryDirectory();
        var scenario = ThreeAxes(workers: 2, uplinks: 2, latencies: 3, plots: true);

        SweepRunner.Run(scenario, folder.Path);

        var svg = File.ReadAllText(Path.Combine(folder.Path, "plots", "simulated-seconds-vs-data.workers.svg"));
        var texts = svg.Split('\n').Select(l => l.Trim()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(texts.Count(t => t == "uplink=100Kbps (filled)"), Is.EqualTo(1), "each fill named once");
            Assert.That(texts.Count(t => t == "uplink=1Gbps (open)"), Is.EqualTo(1));
            Assert.That(texts.Count(t => t == "latency=0us"), Is.EqualTo(1), "each shape named once, without the uplink");
            Assert.That(texts, Has.Member("latency=1ms").And.Member("latency=10ms"));
            Assert.That(texts.Where(t => t.Contains("uplink=", StringComparison.Ordinal) && t.Contains("latency=", StringComparison.Ordinal)), Is.Empty);
            // The key after each label: Skia's SVG writes a filled circle as a filled ellipse, an open one as a stroked one.
            Assert.That(ShapeAfter(texts, "uplink=100Kbps (filled)"), Does.Contain("fill=\"gray\""));
            Assert.That(ShapeAfter(texts, "uplink=1Gbps (open)"), Does.Contain("fill=\"none\"").And.Contain("stroke=\"gray\""));
        }
    }

    private static string ShapeAfter(List<string> svgLines, string label) =>
        svgLines.Skip(svgLines.IndexOf(label)).First(l => l.StartsWith("<ellipse", StringComparison.Ordinal));

    /// <summary>scenarios/default.json at 5 iterations swept over workers (3, 4, ...) x uplinks (100Kbps, 1Gbps, 10Gbps,
    /// ...) x latencies (0us, 1ms, 10ms, ...), the first <paramref name="workers"/>, <paramref name="uplinks"/> and
    /// <paramref name="latencies"/> values of each.</summary>
    private static Scenario ThreeAxes(int workers, int uplinks, int latencies, bool plots = false)
    {
        var json = TinySweep.Json(iterations: 5);
        json["outputs"]!["plots"] = plots;
        json["sweep"] = new JObject
        {
            ["data.workers"] = new JArray(new[] { 3, 4, 5, 6, 7, 8 }.Take(workers)),
            ["network.uplink"] = new JArray(new[] { "100Kbps", "1Gbps", "10Gbps", "1Mbps", "10Mbps" }.Take(uplinks)),
            ["network.latency"] = new JArray(new[] { "0us", "1ms", "10ms", "100us", "5ms", "2ms" }.Take(latencies)),
        };
        return TinySweep.Scenario(json);
    }
}
