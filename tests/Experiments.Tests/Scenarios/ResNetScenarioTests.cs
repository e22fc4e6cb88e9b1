using Newtonsoft.Json.Linq;
using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Tests.Scenarios;

public sealed class ResNetScenarioTests
{
    [TestCase("resnet18", ModelKind.ResNet18)]
    [TestCase("resnet20", ModelKind.ResNet20)]
    public void Kind_IsAWordOfModelKind_AndIsWrittenBackAsIt(string word, ModelKind kind)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ScenarioWords.Models.WordOf(kind), Is.EqualTo(word));
            Assert.That(ScenarioWords.Models.Words, Does.Contain(word));
        }
    }

    [TestCase("resnet18")]
    [TestCase("resnet20")]
    public void OneChannelImages_SayTheModelTakesThreeChannelImages(string word)
    {
        var json = ScenarioText.Images();
        json["model"]!["kind"] = word;

        Assert.That(
            ScenarioText.Problems(json),
            Is.EqualTo(new[] { $"s.json: $.model.kind: '{word}' takes 3-channel 32x32 images, and source 'fashion-mnist' has 1-channel 28x28 images; write \"kind\": \"cnn\", \"mlp\" or \"softmax\" for this source, or add a CIFAR source" }));
    }

    [Test]
    public void CsvRows_SayToUseAnImageSource()
    {
        var json = ScenarioText.Minimal();
        json["data"] = JObject.Parse("""{ "source": "csv", "workers": 2, "path": "t.csv", "labels": "class" }""");
        json["model"]!["kind"] = "resnet20";
        json["training"]!["stepSize"] = 0.1;

        Assert.That(
            ScenarioText.Problems(json),
            Has.Some.EqualTo("s.json: $.model.kind: 'resnet20' does not fit labels 'class' of source 'csv'; use a source of 3-channel 32x32 images, or \"kind\": \"mlp\""));
    }

    [Test]
    public void ExtraField_SaysItAppliesOnlyToMlp()
    {
        var json = ScenarioText.Images();
        json["model"] = JObject.Parse("""{ "kind": "resnet20", "hidden": [512] }""");

        Assert.That(ScenarioText.Problems(json), Has.Some.Contains("$.model.hidden").And.Contains("applies only to \"kind\": \"mlp\", not 'resnet20'"));
    }
}
