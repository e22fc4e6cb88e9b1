using Newtonsoft.Json.Linq;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests.Scenarios;

public sealed class CifarScenarioDataTests
{
    private static JObject With(string data)
    {
        var json = ScenarioText.Images();
        json["data"] = JObject.Parse(data);
        return json;
    }

    [Test]
    public void Cifar10_DefaultsToPerDatasetNormalisation_AndTheUsualSearch()
    {
        var scenario = ScenarioText.Parse(With("""{ "source": "cifar10", "workers": 2 }"""));

        var images = scenario.Data.Images!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Data.Source, Is.EqualTo(DataSource.Cifar10));
            Assert.That(images.Sources, Is.EqualTo(new[] { DataSource.Cifar10 }));
            Assert.That(images.Normalize, Is.EqualTo(ImageNormalization.Dataset));
            Assert.That(images.Path, Is.Null);
        }
    }

    [Test]
    public void Cifar100_ReadsCoarseLabels_AndAMixWithMnistKeepsTheMnistDefaultOnlyWithoutCifar()
    {
        var coarse = ScenarioText.Parse(With("""{ "source": "cifar100", "workers": 2, "labels": "coarse" }"""));
        var fine = ScenarioText.Parse(With("""{ "source": "cifar100", "workers": 2 }"""));
        var mix = ScenarioText.Parse(With("""{ "source": "mixed", "workers": 2, "sources": ["cifar10", "mnist-json"] }"""));
        var grey = ScenarioText.Parse(With("""{ "source": "mixed", "workers": 2 }"""));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(coarse.Data.Images!.Cifar100Labels, Is.EqualTo(CifarLabels.Coarse));
            Assert.That(fine.Data.Images!.Cifar100Labels, Is.EqualTo(CifarLabels.Fine));
            Assert.That(mix.Data.Images!.Sources, Is.EqualTo(new[] { DataSource.Cifar10, DataSource.MnistJson }));
            Assert.That(mix.Data.Images!.Normalize, Is.EqualTo(ImageNormalization.Dataset));
            Assert.That(grey.Data.Images!.Normalize, Is.EqualTo(ImageNormalization.Mnist));
        }
    }

    [Test]
    public void Path_IsResolvedAgainstTheScenarioFolder_AndWrittenBack()
    {
        using var folder = new TemporaryDirectory();
        var cifar = Directory.CreateDirectory(Path.Combine(folder.Path, "cifar")).FullName;
        var json = With("""{ "source": "cifar100", "workers": 2, "path": "cifar", "labels": "coarse" }""");
        var scenario = ScenarioLoader.Parse(json.ToString(), "s.json", folder.Path);

        var written = ScenarioWriter.Write(scenario);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scenario.Data.Images!.Path, Is.EqualTo(cifar));
            Assert.That(written["data"]!["path"]!.Value<string>(), Is.EqualTo(cifar));
            Assert.That(written["data"]!["labels"]!.Value<string>(), Is.EqualTo("coarse"));
            Assert.That(written["data"]!["normalize"]!.Value<string>(), Is.EqualTo("dataset"));
        }
    }

    [TestCase("""{ "source": "cifar10", "workers": 2, "labels": "fine" }""",
        "s.json: $.data.labels: field 'labels' does not apply to source 'cifar10'; remove \"labels\"")]
    [TestCase("""{ "source": "cifar100", "workers": 2, "labels": "sign" }""",
        "s.json: $.data.labels: unknown value 'sign'; write one of \"fine\", \"coarse\"")]
    [TestCase("""{ "source": "mixed", "workers": 2, "sources": ["fashion-mnist", "mnist-json"], "path": "x" }""",
        "s.json: $.data.path: \"path\" names the CIFAR source's folder, but no source is cifar10 or cifar100; leave \"path\" out")]
    [TestCase("""{ "source": "mixed", "workers": 2, "sources": ["cifar10", "mnist-json"], "labels": "coarse" }""",
        "s.json: $.data.labels: \"labels\" chooses CIFAR-100's fine or coarse labels, but no source is cifar100; leave \"labels\" out")]
    [TestCase("""{ "source": "fashion-mnist", "workers": 2, "path": "x" }""",
        "s.json: $.data.path: field 'path' does not apply to source 'fashion-mnist'; remove \"path\"")]
    public void BadCifarFields_AreOneLineNamingTheFieldAndTheFix(string data, string expected)
    {
        Assert.That(ScenarioText.Problems(With(data)), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Path_ThatDoesNotExist_IsReported()
    {
        var problems = ScenarioText.Problems(With("""{ "source": "cifar10", "workers": 2, "path": "/no/such/cifar" }"""));

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.StartWith("s.json: $.data.path: folder '/no/such/cifar' does not exist; write the folder of the CIFAR files"));
    }

    [Test]
    public void LinearModel_OnCifar_IsRejected()
    {
        var json = With("""{ "source": "cifar100", "workers": 2 }""");
        json["model"] = new JObject { ["kind"] = "linear" };

        Assert.That(ScenarioText.Problems(json), Has.Some.Contains("'linear' does not fit the class-labelled images of source 'cifar100'"));
    }
}
