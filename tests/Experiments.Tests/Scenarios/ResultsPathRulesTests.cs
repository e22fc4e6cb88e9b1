using Sasg.Experiments.Scenarios;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Scenarios;

public sealed class ResultsPathRulesTests
{
    [TestCase("../../etc/sasg")]
    [TestCase("a/b")]
    [TestCase("a\\b")]
    [TestCase("..")]
    [TestCase(".")]
    [TestCase("my run")]
    [TestCase("/etc")]
    public void Parse_WithANameThatIsNotPlain_ReportsItAtDollarName(string name)
    {
        var json = ScenarioText.Minimal();
        json["name"] = name;

        Assert.That(ScenarioText.Problems(json), Is.EqualTo(new[]
        {
            $"s.json: $.name: '{name}' is not a plain name (it also names the results folder); "
            + "use only letters, digits, '-', '_' and '.', for example \"bandwidth-sweep\"",
        }));
    }

    [TestCase("run-1_a.b")]
    [TestCase("..x")]
    public void Parse_WithAPlainName_Accepts(string name)
    {
        var json = ScenarioText.Minimal();
        json["name"] = name;

        Assert.That(ScenarioText.Problems(json), Is.Empty);
    }

    [TestCase("results/t", "results/t")]
    [TestCase("results/a/../b", "results/b")]
    [TestCase("./results/deep/er", "results/deep/er")]
    public void ScenarioFolder_UnderResults_IsTheFullPath(string directory, string expected)
    {
        using var current = new TemporaryDirectory();

        var folder = ResultsPathRules.ScenarioFolder(WithDirectory(directory), string.Empty, allowOutside: false, "or give --output", current.Path);

        Assert.That(folder, Is.EqualTo(Path.Combine(current.Path, expected)));
    }

    [TestCase("../../etc/sasg", "leads outside results/")]
    [TestCase("results/../../x", "leads outside results/")]
    [TestCase("results", "leads outside results/")]
    [TestCase("elsewhere", "leads outside results/")]
    [TestCase("/etc/sasg", "is an absolute path")]
    public void ScenarioFolder_OutsideResults_IsOneProblemAtOutputsDirectory(string directory, string problem)
    {
        using var current = new TemporaryDirectory();

        var error = Assert.Throws<ScenarioException>(
            () => ResultsPathRules.ScenarioFolder(WithDirectory(directory), string.Empty, allowOutside: false, "or give --output", current.Path));

        Assert.That(error!.Problems.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            $"s.json: $.outputs.directory: '{directory}' {problem}; a scenario file may only name a folder under results/ of the "
            + $"current folder ({current.Path}/results); write for example \"results/t\", or give --output",
        }));
    }

    [Test]
    public void ScenarioFolder_WithAllowOutside_AcceptsAnyFolder()
    {
        using var current = new TemporaryDirectory();

        var folder = ResultsPathRules.ScenarioFolder(WithDirectory("/tmp/x"), "-sweep", allowOutside: true, "or give --dir", current.Path);

        Assert.That(folder, Is.EqualTo("/tmp/x-sweep"));
    }

    [Test]
    public void ScenarioFolder_ThroughALinkInResultsToElsewhere_IsRefused_AndAResultsFolderThatIsALinkIsFollowed()
    {
        using var current = new TemporaryDirectory();
        using var elsewhere = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(current.Path, "results"));
        Directory.CreateSymbolicLink(Path.Combine(current.Path, "results", "escape"), elsewhere.Path);
        using var other = new TemporaryDirectory();
        Directory.CreateSymbolicLink(Path.Combine(other.Path, "results"), elsewhere.Path);

        var error = Assert.Throws<ScenarioException>(() => ResultsPathRules.ScenarioFolder(
            WithDirectory("results/escape/x"), string.Empty, allowOutside: false, "or give --output", current.Path));
        var linked = ResultsPathRules.ScenarioFolder(WithDirectory("results/x"), string.Empty, allowOutside: false, "or give --output", other.Path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Problems.Single().Problem, Does.StartWith("'results/escape/x' leads outside results/ through a symbolic link"));
            Assert.That(linked, Is.EqualTo(Path.Combine(other.Path, "results", "x")), "the user's own results/ may be a link");
        }
    }

    [Test]
    public void DerivedFolder_ThroughALinkToElsewhere_OrBesideResults_IsRefused_AndBelowResultsIsTheFullPath()
    {
        using var current = new TemporaryDirectory();
        using var elsewhere = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(current.Path, "results"));
        Directory.CreateSymbolicLink(Path.Combine(current.Path, "results", "sweeps"), elsewhere.Path);
        var scenario = WithDirectory("results/t");

        var linked = Assert.Throws<ScenarioException>(
            () => ResultsPathRules.DerivedFolder(scenario, "results/sweeps/t", "or give --dir", current.Path));
        var beside = Assert.Throws<ScenarioException>(
            () => ResultsPathRules.DerivedFolder(scenario, "sweeps/results", "or give --dir", current.Path));
        var below = ResultsPathRules.DerivedFolder(scenario, "results/other/t", "or give --dir", current.Path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(linked!.Problems.Single().Problem, Does.Contain("leads outside results/ through a symbolic link"));
            Assert.That(beside!.Problems.Single().JsonPath, Is.EqualTo("$.outputs.directory"));
            Assert.That(below, Is.EqualTo(Path.Combine(current.Path, "results", "other", "t")));
        }
    }

    [Test]
    public void ScenarioFolder_WithASuffix_ChecksTheFolderWithTheSuffix()
    {
        using var current = new TemporaryDirectory();
        using var elsewhere = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(current.Path, "results"));
        Directory.CreateSymbolicLink(Path.Combine(current.Path, "results", "t-sweep"), elsewhere.Path);

        Assert.That(
            () => ResultsPathRules.ScenarioFolder(WithDirectory("results/t"), "-sweep", allowOutside: false, "or give --dir", current.Path),
            Throws.InstanceOf<ScenarioException>());
    }

    private static Scenario WithDirectory(string directory)
    {
        var json = ScenarioText.Minimal();
        json["outputs"] = new Newtonsoft.Json.Linq.JObject { ["directory"] = directory };
        return ScenarioText.Parse(json);
    }
}
