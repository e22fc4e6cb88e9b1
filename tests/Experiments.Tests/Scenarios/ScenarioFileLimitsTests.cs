using Sasg.Experiments.Scenarios;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Scenarios;

/// <summary>Only strict JSON is a scenario (no raw control characters, quotes or trailing commas Newtonsoft would
/// forgive), and a file above the size cap is refused before it is read.</summary>
[TestFixture]
public sealed class ScenarioFileLimitsTests
{
    [TestCase("{ \"name\": \"a\0b\" }", 1, "'0x00' is invalid within a JSON string")]
    [TestCase("{\n  \"name\": \"a\tb\"\n}", 2, "'0x09' is invalid within a JSON string")]
    [TestCase("{ 'name': \"a\" }", 1, "")]
    [TestCase("{ name: \"a\" }", 1, "")]
    [TestCase("{ \"name\": \"a\", }", 1, "")]
    [TestCase("{ \"seed\": NaN }", 1, "")]
    public void Parse_TextThatIsNotStrictJson_IsInvalidJsonWithItsLine(string json, int line, string message)
    {
        var problems = ScenarioText.Problems(json);

        Assert.That(problems, Has.Count.EqualTo(1).And.One.StartsWith($"sasg: s.json: invalid JSON at line {line}, position ").And.One.Contains(message));
    }

    [Test]
    public void Parse_Comments_AreStillAllowed()
    {
        var json = "// a comment\n" + ScenarioText.Minimal().ToString().Replace("\"name\"", "/* the name */ \"name\"", StringComparison.Ordinal);

        Assert.That(ScenarioText.Problems(json), Is.Empty);
    }

    [Test]
    public void Load_FileAboveTheCap_IsRefusedWithItsSizeAndTheCap()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteFile("big.json", "{ \"name\": \"" + new string('x', (int)ScenarioLimits.MaxFileBytes) + "\" }");

        var exception = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path))!;

        Assert.That(exception.Message, Is.EqualTo(
            $"sasg: {path}: the file is {ScenarioLimits.MaxFileBytes + 14} bytes, more than the 1048576 bytes (1 MiB) a scenario file may have; "
            + "give a scenario file; data belongs in the files that data.path names"));
    }

    [Test]
    public void Load_AFolder_SaysItIsAFolder()
    {
        using var folder = new TemporaryDirectory();

        var exception = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(folder.Path))!;

        Assert.That(exception.Message, Does.StartWith($"sasg: {folder.Path}: is a folder"));
    }

    [Test]
    public void Cap_IsFarAboveTheLargestShippedScenario()
    {
        var largest = Directory.GetFiles(RepositoryPaths.InRoot("scenarios"), "*.json").Max(f => new FileInfo(f).Length);

        Assert.That(largest * 100, Is.LessThan(ScenarioLimits.MaxFileBytes));
    }
}
