using Newtonsoft.Json.Linq;
using Sasg.Learning.Data;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Commands;

[NonParallelizable]
public sealed class HeterogeneityCommandTests
{
    [Test]
    public void Heterogeneity_OnTheDefaultScenarioWithOneSeed_PrintsTheTables_WritesTheCsv_AndExitsZero()
    {
        using var output = new TemporaryDirectory();
        var console = new TestConsole().Width(200);
        var error = new StringWriter();

        var exitCode = SasgApp.Run(
            ["heterogeneity", RepositoryPaths.InRoot("scenarios", "default.json"), "--seeds", "1", "--output", output.Path],
            console,
            error,
            DatasetLocator.Default);

        var csv = File.ReadAllLines(Path.Combine(output.Path, "heterogeneity.csv"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero, error.ToString());
            Assert.That(console.Output, Does.Contain("H(m) = L_m / L").And.Contain("M H(m)"));
            Assert.That(console.Output, Does.Contain("0.392").And.Contain("8.216"), "the worked example's M L_m / L");
            Assert.That(console.Output, Does.Contain("predicted DeltaC (paper form, LAG-WK xi) = 0"));
            Assert.That(console.Output, Does.Contain("the bound is just C_LAG <= C_GD"));
            Assert.That(console.Output, Does.Contain("comm_save (code form) = 0.2037, paper form = 0.1296"));
            Assert.That(console.Output, Does.Contain("WK / GD").And.Contain("outside"));
            Assert.That(console.Output, Does.Contain("LAG-WK OUTSIDE the theorem, no bound applies:"));
            Assert.That(console.Output, Does.Contain("sum xi = 1 is not below 1; would satisfy:"));
            Assert.That(console.Output, Does.Contain("LAG-WK: outside the theorem: no bound applies, no verdict"));
            Assert.That(console.Output, Does.Not.Contain("VIOLATED"));
            Assert.That(csv, Has.Length.EqualTo(2));
            Assert.That(csv[1], Does.StartWith("none,,1,9,0,1,"));
        }
    }

    [Test]
    public void Heterogeneity_OnANonConvexScenario_ExitsTwoNamingTheModelKind()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("mlp.json", """
            { "name": "mlp", "data": { "source": "fashion-mnist", "workers": 2, "trainSamples": 20, "testSamples": 10 },
              "model": { "kind": "mlp", "hidden": [8] }, "training": { "iterations": 2, "stepSize": 0.1 },
              "algorithms": [ { "name": "GD" } ] }
            """);
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["heterogeneity", path, "--seeds", "1", "--output", folder.Path], new TestConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.StartWith(path + ": $.model.kind: "));
            Assert.That(File.Exists(Path.Combine(folder.Path, "heterogeneity.csv")), Is.False);
        }
    }

    [Test]
    public void Heterogeneity_WithBases_PrintsOneRowPerValueAndSeed_AndWritesTheCsvAndPlot()
    {
        using var folder = new TemporaryDirectory();
        var path = TinyIncreasing(folder, 300);
        var console = new TestConsole().Width(200);
        var error = new StringWriter();

        var exitCode = SasgApp.Run(
            ["heterogeneity", path, "--seeds", "1", "--bases", "1.2,1.4", "--output", folder.Path], console, error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero, error.ToString());
            Assert.That(console.Output, Does.Contain("seeds 1; base 1.2,1.4"));
            Assert.That(console.Output, Does.Contain("DeltaC").And.Contain("bound"));
            Assert.That(File.ReadAllLines(Path.Combine(folder.Path, "heterogeneity.csv")), Has.Length.EqualTo(3));
            Assert.That(File.Exists(Path.Combine(folder.Path, "saving-vs-base.png")), Is.True);
            Assert.That(File.Exists(Path.Combine(folder.Path, "saving-vs-base.svg")), Is.True);
        }
    }

    [Test]
    public void Heterogeneity_WithinTheTheorem_StatesTheStepAndWeights_AndJudgesInsideTheConditions()
    {
        using var folder = new TemporaryDirectory();
        var path = TinyIncreasing(folder, 600);
        var console = new TestConsole().Width(200);
        var error = new StringWriter();

        var exitCode = SasgApp.Run(
            ["heterogeneity", path, "--seeds", "1", "--within-theorem", "--output", folder.Path], console, error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero, error.ToString());
            Assert.That(console.Output, Does.Contain("--within-theorem: LAG-WK and LAG-PS xi_d = 0.5/D (sum 0.5);"));
            Assert.That(console.Output, Does.Contain("GD, LAG-WK and LAG-PS step alpha = (1 - 0.5)/L"));
            Assert.That(console.Output, Does.Contain("alpha L = 0.5"));
            Assert.That(console.Output, Does.Contain("LAG-WK inside the theorem: sum xi = 0.5 < 1, alpha L = 0.5 <= 0.5"));
            Assert.That(console.Output, Does.Contain("LAG-PS inside the theorem"));
            Assert.That(console.Output, Does.Not.Contain("outside"));
        }
    }

    [TestCase("--seeds", "1,x", TestName = "Heterogeneity_WithABadSeedList_ExitsTwo")]
    [TestCase("--bases", "1.0,-1", TestName = "Heterogeneity_WithANegativeBase_ExitsTwo")]
    [TestCase("--workers", "3,4.5", TestName = "Heterogeneity_WithAFractionalWorkerCount_ExitsTwo")]
    public void Heterogeneity_WithABadList_ExitsTwoWithOneLine(string option, string value)
    {
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["heterogeneity", option, value], new TestConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.StartWith($"sasg: {option} '{value}'"));
        }
    }

    [Test]
    public void Heterogeneity_WithBothBasesAndWorkers_ExitsTwo()
    {
        var error = new StringWriter();

        var exitCode = SasgApp.Run(["heterogeneity", "--bases", "1.0", "--workers", "3"], new TestConsole(), error, DatasetLocator.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.Contain("not both"));
        }
    }

    // The increasing synthetic scenario with a loose target (|f - f*| < 1e-4) and the given budget, written to folder.
    private static string TinyIncreasing(TemporaryDirectory folder, int iterations)
    {
        var json = JObject.Parse(File.ReadAllText(RepositoryPaths.InRoot("scenarios", "lag-synthetic-linear-increasing.json")));
        json.Remove("$schema");
        json["stop"] = JObject.Parse("""{ "objectiveError": 1e-4 }""");
        json["training"]!["iterations"] = iterations;
        return folder.WriteFile("tiny.json", json.ToString());
    }
}
