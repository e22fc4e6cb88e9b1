using Newtonsoft.Json.Linq;
using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Tests.Scenarios;

[TestFixture]
public sealed class ScenarioValidationTests
{
    private const string IngressWords = "\"sequential-push\", \"sequential-pull\", \"fair-share\", \"unlimited\"";

    [Test]
    public void Parse_MisspeltField_SuggestsTheKnownOne()
    {
        var json = ScenarioText.Minimal();
        json["network"] = new JObject { ["uplnk"] = "1Gbps" };

        Assert.That(ScenarioText.Problems(json), Is.EqualTo(new[] { "s.json: $.network.uplnk: unknown field 'uplnk'; did you mean 'uplink'?" }));
    }

    [Test]
    public void Parse_UnknownFieldFarFromAnyKnown_ListsTheFields()
    {
        var json = ScenarioText.Minimal();
        json["outputs"] = new JObject { ["colourScheme"] = "dark" };

        Assert.That(
            ScenarioText.Problems(json),
            Is.EqualTo(new[] { "s.json: $.outputs.colourScheme: unknown field 'colourScheme'; remove it; the fields here are directory, trace, plots, decisions" }));
    }

    [Test]
    public void Parse_MissingRequiredField_SaysWhatToAdd()
    {
        var json = ScenarioText.Minimal();
        ((JObject)json["data"]!).Remove("workers");

        Assert.That(ScenarioText.Problems(json), Is.EqualTo(new[] { "s.json: $.data.workers: missing required field; add \"workers\": 9" }));
    }

    [TestCase("\"9\"", "s.json: $.data.workers: expected a whole number in 1..100000, found the string \"9\"; write a whole number in 1..100000, for example 9")]
    [TestCase("2.5", "s.json: $.data.workers: expected a whole number in 1..100000, found the number 2.5; write a whole number in 1..100000, for example 9")]
    [TestCase("0", "s.json: $.data.workers: 0 is out of range; write a whole number in 1..100000, for example 9")]
    public void Parse_BadWorkerCount_ReportsTypeOrRange(string value, string expected)
    {
        var json = ScenarioText.Minimal();
        json["data"]!["workers"] = JToken.Parse(value);

        Assert.That(ScenarioText.Problems(json), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Parse_UnknownEnumWord_ListsTheAcceptedWords()
    {
        var json = ScenarioText.Minimal();
        json["network"] = new JObject { ["ingress"] = "fair" };

        Assert.That(ScenarioText.Problems(json), Is.EqualTo(new[] { $"s.json: $.network.ingress: unknown value 'fair'; write one of {IngressWords}" }));
    }

    [Test]
    public void Parse_BandwidthWithoutUnit_AsksForAUnit()
    {
        var json = ScenarioText.Minimal();
        json["network"] = new JObject { ["uplink"] = 100 };

        Assert.That(
            ScenarioText.Problems(json),
            Is.EqualTo(new[] { $"s.json: $.network.uplink: bandwidth '100' has no unit; write a number followed by one of {Units.BandwidthUnitList}, for example \"100Mbps\"" }));
    }

    [Test]
    public void Parse_PerWorkerOverrideWithBadValue_NamesTheExactPath()
    {
        var json = ScenarioText.Minimal();
        json["network"] = JObject.Parse("""{ "workers": [ { "worker": 0 }, { "worker": 1 }, { "worker": 2, "uplink": "fast" } ] }""");

        Assert.That(
            ScenarioText.Problems(json),
            Is.EqualTo(new[] { $"s.json: $.network.workers[2].uplink: bandwidth 'fast' does not start with a number; write a number followed by one of {Units.BandwidthUnitList}, for example \"100Mbps\"" }));
    }

    [Test]
    public void Parse_FieldOfAnotherSource_SaysItDoesNotApply()
    {
        var json = ScenarioText.Minimal();
        json["data"]!["sets"] = new JArray("housing");

        Assert.That(ScenarioText.Problems(json), Is.EqualTo(new[] { "s.json: $.data.sets: field 'sets' does not apply to source 'lag-synthetic'; remove \"sets\"" }));
    }

    [Test]
    public void Parse_AlphaWithoutDirichlet_SaysItDoesNotApply()
    {
        var json = ScenarioText.Images();
        json["data"]!["partition"] = new JObject { ["kind"] = "iid", ["alpha"] = 0.5 };

        Assert.That(
            ScenarioText.Problems(json),
            Is.EqualTo(new[] { "s.json: $.data.partition.alpha: field 'alpha' applies only to \"kind\": \"dirichlet\", not 'iid'; remove \"alpha\"" }));
    }

    [Test]
    public void Parse_BothIterationsAndEpochs_IsAContradiction()
    {
        var json = ScenarioText.Minimal();
        json["training"]!["epochs"] = 3;

        Assert.That(
            ScenarioText.Problems(json),
            Is.EqualTo(new[] { "s.json: $.training.epochs: both iterations and epochs are given; keep only one of \"iterations\" and \"epochs\"" }));
    }

    [Test]
    public void Parse_ObjectiveErrorWithNonLinearModel_IsAContradiction()
    {
        var json = ScenarioText.Images();
        json["stop"] = new JObject { ["objectiveError"] = 1e-8 };

        Assert.That(
            ScenarioText.Problems(json),
            Is.EqualTo(new[] { "s.json: $.stop.objectiveError: objectiveError needs f*, which Sasg computes only for the linear and logistic models; use \"targetLoss\" or \"targetAccuracy\" instead" }));
    }

    [Test]
    public void Parse_ObjectiveErrorWithLogisticAndNoLambda_SaysLambdaIsNeeded()
    {
        var json = ScenarioText.Minimal();
        json["data"]!["labels"] = "sign";
        json["data"]!["samples"] = 3;
        json["data"]!["features"] = 3;
        json["data"]!["workers"] = 2;
        json["data"]!["targets"] = new JArray(1, -1, 1);
        json["model"]!["kind"] = "logistic";
        json["stop"] = new JObject { ["objectiveError"] = 1e-7 };

        Assert.That(ScenarioText.Problems(json), Is.EqualTo(new[]
        {
            "s.json: $.stop.objectiveError: f* of the logistic loss needs \"lambda\" > 0 (without it the minimum may not exist); set \"model.lambda\", for example 0.001, or use \"targetLoss\"",
        }));
    }

    [Test]
    public void Parse_SyntheticSignLabels_NeedMinusOrPlusOneTargets_AndTheLogisticModel()
    {
        var json = ScenarioText.Minimal();
        json["data"]!["labels"] = "sign";
        json["data"]!["samples"] = 3;
        json["data"]!["features"] = 3;
        json["data"]!["workers"] = 2;
        json["data"]!["targets"] = new JArray(1, 0, -1);

        Assert.That(ScenarioText.Problems(json), Is.EqualTo(new[]
        {
            "s.json: $.data.targets: \"labels\": \"sign\" needs targets that are all -1 or +1; map the labels to -1 and +1 (0 becomes -1)",
            "s.json: $.model.kind: 'linear' does not fit source 'lag-synthetic' with \"labels\": \"sign\"; write \"kind\": \"logistic\"",
        }));
    }

    [Test]
    public void Parse_SyntheticAsStoredLabels_NeedBinaryTargets_AndTheLogisticModel()
    {
        var json = ScenarioText.Minimal();
        json["data"]!["labels"] = "as-stored";
        json["data"]!["samples"] = 3;
        json["data"]!["features"] = 3;
        json["data"]!["workers"] = 2;
        json["data"]!["targets"] = new JArray(1, 0, 2);

        Assert.That(ScenarioText.Problems(json), Is.EqualTo(new[]
        {
            "s.json: $.data.targets: \"labels\": \"as-stored\" needs binary targets (0/1 or -1/+1); write only 0 and 1 (or -1 and +1)",
            "s.json: $.model.kind: 'linear' does not fit source 'lag-synthetic' with \"labels\": \"as-stored\"; write \"kind\": \"logistic\"",
        }));
    }

    [TestCase("linear", "\"as-stored\"", "s.json: $.model.kind: 'linear' does not fit \"labels\": \"as-stored\", which is for the logistic sets (the linear sets' targets are always read as stored); write \"kind\": \"logistic\", or leave \"labels\" out")]
    [TestCase("logistic", "\"binary\"", "s.json: $.data.labels: unknown value 'binary'; write one of \"sign\", \"as-stored\"")]
    public void Parse_UciLabels_AreSignOrAsStored_ForTheLogisticSets(string model, string labels, string problem)
    {
        var json = JObject.Parse($$"""
            {
              "name": "s",
              "seed": 1,
              "data": { "source": "lag-uci", "workers": 3, "sets": ["{{(model == "linear" ? "housing" : "ionosphere")}}"], "labels": {{labels}} },
              "model": { "kind": "{{model}}", "lambda": 0.001 },
              "training": { "iterations": 5, "stepSize": "1/L" },
              "algorithms": [ { "name": "GD" } ]
            }
            """);
        if (model == "linear")
        {
            json["model"] = new JObject { ["kind"] = "linear" };
        }

        Assert.That(ScenarioText.Problems(json), Is.EqualTo(new[] { problem }));
    }

    [Test]
    public void Parse_SpeedListOfWrongLength_IsAContradiction()
    {
        var json = ScenarioText.Minimal();
        json["compute"] = new JObject { ["speed"] = new JArray(1, 2) };

        Assert.That(ScenarioText.Problems(json), Is.EqualTo(new[] { "s.json: $.compute.speed: 2 speeds for 3 workers; write exactly 3 numbers, one per worker" }));
    }

    [Test]
    public void Parse_OverrideForMissingWorker_IsOutOfRange()
    {
        var json = ScenarioText.Minimal();
        json["network"] = JObject.Parse("""{ "workers": [ { "worker": 5, "uplink": "1Mbps" } ] }""");

        Assert.That(ScenarioText.Problems(json), Is.EqualTo(new[] { "s.json: $.network.workers[0].worker: 5 is out of range; write a worker index in 0..2, for example 0" }));
    }

    [Test]
    public void Parse_DuplicateOverride_AsksToMerge()
    {
        var json = ScenarioText.Minimal();
        json["network"] = JObject.Parse("""{ "workers": [ { "worker": 1, "uplink": "1Mbps" }, { "worker": 1, "latency": "1ms" } ] }""");

        Assert.That(ScenarioText.Problems(json), Is.EqualTo(new[] { "s.json: $.network.workers[1].worker: worker 1 is overridden twice; merge the two entries into one" }));
    }

    [Test]
    public void Parse_UnknownAlgorithmAndDuplicateLabel_AreBothReported()
    {
        var json = ScenarioText.Minimal();
        json["algorithms"] = JArray.Parse("""[ { "name": "GD" }, { "name": "gd" }, { "name": "ADMM" } ]""");

        Assert.That(
            ScenarioText.Problems(json),
            Is.EqualTo(new[]
            {
                "s.json: $.algorithms[1].label: label 'GD' is already used by $.algorithms[0]; give each algorithm a distinct \"label\"",
                "s.json: $.algorithms[2].name: unknown algorithm 'ADMM'; write one of GD, SGD, LAG-WK, LAG-PS, Cyc-IAG, Num-IAG, LASG-WK2, LASG-SASG, LASG-PS, Top-k, SASG, QSGD, Sign-SGD, Random-k, LAQ",
            }));
    }

    [Test]
    public void Parse_ModelThatDoesNotFitTheData_SaysWhichFits()
    {
        var json = ScenarioText.Minimal();
        json["model"]!["kind"] = "cnn";
        json["training"]!["stepSize"] = 0.1;

        Assert.That(
            ScenarioText.Problems(json),
            Is.EqualTo(new[] { "s.json: $.model.kind: 'cnn' does not fit source 'lag-synthetic', which has real targets; write \"kind\": \"linear\", or \"labels\": \"sign\" with -1/+1 targets for \"logistic\"" }));
    }

    [TestCase("network", "uplink", "null", "s.json: $.network.uplink: expected a string with a unit, found null; write a number followed by one of bps, Kbps, Mbps, Gbps, Tbps, bit/s, Kbit/s, Mbit/s, Gbit/s, Tbit/s, B/s, KB/s, MB/s, GB/s, for example \"100Mbps\"")]
    [TestCase("network", "ingress", "1", "s.json: $.network.ingress: expected a word, found the number 1; write one of \"sequential-push\", \"sequential-pull\", \"fair-share\", \"unlimited\"")]
    [TestCase("outputs", "trace", "\"yes\"", "s.json: $.outputs.trace: expected true or false, found the string \"yes\"; write true or false (without quotes)")]
    [TestCase("training", "batchSize", "\"all\"", "s.json: $.training.batchSize: expected a whole number of at least 1 or \"full\", found the string \"all\"; write a whole number of at least 1 or \"full\", for example 32")]
    [TestCase("training", "stepSize", "-1", "s.json: $.training.stepSize: -1 is out of range; write a number greater than 0 or \"1/L\", for example 0.1")]
    [TestCase("compute", "straggler", "\"pareto(1)\"", "s.json: $.compute.straggler: unknown or invalid straggler noise 'pareto(1)'; write \"none\", \"constant(v)\", \"uniform(low,high)\" or \"lognormal(mu,sigma)\" with finite, non-negative numbers (sigma >= 0, high >= low)")]
    [TestCase("network", "encoding", "\"zip\"", "s.json: $.network.encoding: unknown encoding 'zip'; write \"default\" or one of ")]
    public void Parse_WrongTypeOrValue_ReportsOneExactLine(string block, string field, string value, string expected)
    {
        var json = ScenarioText.Minimal();
        json[block] ??= new JObject();
        json[block]![field] = JToken.Parse(value);

        var problems = ScenarioText.Problems(json);

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.StartWith(expected));
    }

    [Test]
    public void Parse_UciWorkersNotSetsTimesWorkersPerSet_SaysHowManyToWrite()
    {
        var json = ScenarioText.Minimal();
        json["data"] = JObject.Parse("""{ "source": "lag-uci", "workers": 4, "sets": ["housing", "bodyfat"] }""");

        Assert.That(
            ScenarioText.Problems(json),
            Is.EqualTo(new[] { "s.json: $.data.workers: 4 workers do not match 2 sets x 3 workers per set; write \"workers\": 6" }));
    }

    [Test]
    public void Parse_LabelSkewThatCannotCoverTheClasses_GivesTheValidRange()
    {
        var json = ScenarioText.Images();
        json["data"]!["partition"] = JObject.Parse("""{ "kind": "label-skew", "classesPerWorker": 2 }""");

        Assert.That(
            ScenarioText.Problems(json),
            Is.EqualTo(new[] { "s.json: $.data.partition.classesPerWorker: 4 workers x 2 classes per worker cannot cover 10 classes exactly; write a value in 3..10" }));
    }

    [Test]
    public void Parse_SeveralProblems_ReportsAllInFileOrder()
    {
        var json = ScenarioText.Minimal();
        json.Remove("name");
        json["data"]!["workers"] = 0;
        json["network"] = new JObject { ["latency"] = "50 sec", ["ingress"] = "fair" };
        json["compute"] = new JObject { ["costPerSample"] = "1us", ["speeds"] = new JArray(1) };

        var exception = Assert.Throws<ScenarioException>(() => ScenarioText.Parse(json))!;

        Assert.That(
            exception.Message.Split('\n'),
            Is.EqualTo(new[]
            {
                "s.json: $.name: missing required field; add \"name\": \"bandwidth-sweep\"",
                "s.json: $.data.workers: 0 is out of range; write a whole number in 1..100000, for example 9",
                $"s.json: $.network.latency: duration '50 sec' has the unknown unit 'sec'; write one of {Units.DurationUnitList} (case matters), for example \"50us\"",
                $"s.json: $.network.ingress: unknown value 'fair'; write one of {IngressWords}",
                "s.json: $.compute.speeds: unknown field 'speeds'; did you mean 'speed'?",
            }));
    }

    [Test]
    public void Parse_InvalidJson_GivesOneProblemWithLineAndPosition()
    {
        var problems = ScenarioText.Problems("{\n  \"name\": \"t\",\n  \"seed\": 1 2\n}");

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.StartWith("sasg: s.json: invalid JSON at line 3, position ").And.EndWith("; " + StrictJson.Fix));
    }

    [Test]
    public void Parse_DuplicateProperty_IsInvalidJson()
    {
        var problems = ScenarioText.Problems("{ \"name\": \"a\", \"name\": \"b\" }");

        Assert.That(problems, Has.Count.EqualTo(1).And.One.StartsWith("sasg: s.json: invalid JSON at line 1"));
    }

    [Test]
    public void Parse_JsonThatIsNotAnObject_SaysToWriteAnObject()
    {
        Assert.That(
            ScenarioText.Problems("[1, 2]"),
            Is.EqualTo(new[] { "sasg: s.json: expected a JSON object, found an array; write the scenario as one object { \"name\": ..., ... }" }));
    }

    [Test]
    public void Load_MissingFile_GivesOneProblem()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-folder-sasg", "missing.json");

        var exception = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path))!;

        Assert.That(exception.Message, Is.EqualTo($"sasg: {path}: no such file; give the path of an existing scenario file"));
    }
}
