using Newtonsoft.Json.Linq;
using Sasg.Experiments.Scenarios;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Scenarios;

[TestFixture]
public sealed class ScenarioSchemaTests
{
    private static JObject Schema() => JObject.Parse(File.ReadAllText(RepositoryPaths.InRoot("docs", "scenario.schema.json")));

    [Test]
    public void Schema_SweepPaths_AreTheOnesTheLoaderAccepts()
    {
        var names = Schema()["properties"]!["sweep"]!["propertyNames"]!["anyOf"]![0]!["enum"]!.ToObject<string[]>();

        Assert.That(names, Is.EqualTo(ScenarioWords.SweepPaths));
    }

    [Test]
    public void Schema_IngressWords_AreTheOnesTheLoaderAccepts()
    {
        var words = Schema()["properties"]!["network"]!["properties"]!["ingress"]!["enum"]!.ToObject<string[]>();

        Assert.That(words, Is.EqualTo(ScenarioWords.Ingress.Words));
    }

    [Test]
    public void FormatDoc_MentionsEveryTopLevelField()
    {
        var doc = File.ReadAllText(RepositoryPaths.InRoot("docs", "scenario-format.md"));

        var missing = Schema()["properties"]!.Children<JProperty>().Select(p => p.Name).Where(name => !doc.Contains($"`{name}`", StringComparison.Ordinal));

        Assert.That(missing, Is.Empty);
    }
}
