using Newtonsoft.Json.Linq;

namespace Sasg.Experiments.Tests.Scenarios;

/// <summary>Numbers beyond what a field can hold (2^63, 1e300, 1e400, -1, 1.5 for a whole number, a quantity beyond
/// any unit) are one problem naming the field, never an exception from the JSON library.</summary>
[TestFixture]
public sealed class ScenarioNumberRangeTests
{
    private const string Placeholder = "\"@@\"";

    // int fields
    [TestCase("data", "workers", "9223372036854775808", "is out of range")]
    [TestCase("data", "workers", "1e300", "expected a whole number in 1..100000")]
    [TestCase("data", "workers", "-1", "is out of range")]
    [TestCase("data", "workers", "1.5", "expected a whole number")]
    [TestCase("data", "workers", "100001", "is out of range")]
    [TestCase("training", "iterations", "2147483648", "is out of range")]
    [TestCase("training", "batchSize", "-9223372036854775809", "is out of range")]
    // long field
    [TestCase("", "seed", "9223372036854775808", "is out of range")]
    [TestCase("", "seed", "1e300", "expected a whole number")]
    [TestCase("", "seed", "-1", "is out of range")]
    // double fields
    [TestCase("training", "stepSize", "9223372036854775808", "is beyond 2^53")]
    [TestCase("training", "stepSize", "1e400", "a number beyond \u00b11.8e308 is out of range")]
    [TestCase("training", "stepSize", "-1", "is out of range")]
    [TestCase("data", "base", "99999999999999999999999999", "is beyond 2^53")]
    // quantities with units
    [TestCase("network", "uplink", "\"1e300Gbps\"", "bandwidth '1e300Gbps' is too large")]
    [TestCase("network", "latency", "\"99999999999999999999999999999s\"", "duration '99999999999999999999999999999s' is too large")]
    [TestCase("network", "headerBytes", "\"1e30GB\"", "size '1e30GB' is too large")]
    [TestCase("network", "requestBytes", "9223372036854775808", "has no unit")]
    public void Parse_NumberBeyondTheField_GivesOneProblemNamingIt(string block, string field, string value, string problem)
    {
        var json = ScenarioText.Minimal();
        var parent = block.Length == 0 ? json : (JObject)(json[block] ??= new JObject());
        parent[field] = "@@";

        var problems = ScenarioText.Problems(json.ToString().Replace(Placeholder, value, StringComparison.Ordinal));

        var path = block.Length == 0 ? $"$.{field}" : $"$.{block}.{field}";
        Assert.That(problems, Has.Count.EqualTo(1).And.One.StartsWith($"s.json: {path}: ").And.One.Contains(problem));
    }

    [TestCase("9223372036854775808")]
    [TestCase("1e400")]
    public void Parse_AlgorithmParameterBeyondADouble_GivesOneProblem(string value)
    {
        var json = ScenarioText.Minimal();
        json["algorithms"]![1]!["parameters"] = new JObject { ["xi"] = "@@" };

        var problems = ScenarioText.Problems(json.ToString().Replace(Placeholder, value, StringComparison.Ordinal));

        Assert.That(problems, Has.Count.EqualTo(1).And.One.StartsWith("s.json: $.algorithms[1].parameters.xi: "));
    }

    [Test]
    public void Parse_HiddenLayersBeyondTheParameterLimit_GivesOneProblem()
    {
        var json = ScenarioText.Images();
        json["model"] = JObject.Parse("""{ "kind": "mlp", "hidden": [100000, 100000] }""");

        var problems = ScenarioText.Problems(json);

        Assert.That(problems, Has.Count.EqualTo(1).And.One.StartsWith("s.json: $.model.hidden: these layers alone hold more than the 100,000,000 parameters"));
    }

    [Test]
    public void Parse_SyntheticDataBeyondTheLimit_GivesOneProblem()
    {
        var json = ScenarioText.Minimal();
        json["data"]!["samples"] = 20000;
        json["data"]!["features"] = 20000;
        json["data"]!["targets"] = new JArray(Enumerable.Repeat(1.0, 20000));

        var problems = ScenarioText.Problems(json);

        Assert.That(problems, Has.Count.EqualTo(1).And.One.StartsWith("s.json: $.data.samples: 3 workers x 20000 samples x 20000 features"));
    }

    [Test]
    public void Parse_SyntheticWorkersWhoseSmoothnessOverflows_GivesOneProblemNamingWorkers()
    {
        var json = ScenarioText.Minimal();
        json["data"]!["workers"] = 3000;
        json["data"]!["base"] = 1.3;

        var problems = ScenarioText.Problems(json);

        Assert.That(problems, Has.Count.EqualTo(1).And.One.StartsWith("s.json: $.data.workers: with base 1.3, worker 3000's smoothness"));
    }
}
