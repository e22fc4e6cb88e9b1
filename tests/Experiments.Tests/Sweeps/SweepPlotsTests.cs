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
    [TestCase(new[] { 3.0, 4.0, 100.0 }, false, TestName = "LogScales_NumericAxisWithinTwoDecades_IsLinear")]
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
}
