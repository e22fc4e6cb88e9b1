using System.Globalization;
using Newtonsoft.Json.Linq;
using Sasg.Learning.Data;

namespace Sasg.Experiments.Scenarios;

/// <summary>Reads the <c>model</c> block and checks that the model fits the data.</summary>
internal static class ScenarioModelParser
{
    public static ScenarioModel? Parse(ScenarioJsonReader r, JObject model, ScenarioData? data)
    {
        var kind = r.Word(model, "kind", ScenarioWords.Models, required: true);
        if (kind is null)
        {
            r.Fields(model, ["kind", "hidden", "lambda", "precision", .. ScenarioTorchScriptParser.Fields]);
            return null;
        }

        var word = ScenarioWords.Models.WordOf(kind.Value);
        var applicable = new List<string> { "kind", "precision" };
        if (kind == ModelKind.Mlp)
        {
            applicable.Add("hidden");
        }

        if (kind is ModelKind.Logistic or ModelKind.Softmax)
        {
            applicable.Add("lambda");
        }

        if (kind == ModelKind.TorchScript)
        {
            applicable.AddRange(ScenarioTorchScriptParser.Fields);
        }

        r.Fields(model, applicable, name => name switch
        {
            "hidden" => $"applies only to \"kind\": \"mlp\", not '{word}'",
            "lambda" => $"applies only to \"kind\": \"logistic\" or \"softmax\", not '{word}'",
            "path" or "loss" or "inputShape" => $"applies only to \"kind\": \"torchscript\", not '{word}'",
            _ => null,
        });
        IReadOnlyList<int> hidden = kind == ModelKind.Mlp ? [512] : [];
        if (kind == ModelKind.Mlp && r.Array(model, "hidden", "an array of layer widths", "[512]") is { } array)
        {
            if (array.Count == 0)
            {
                r.Report(ScenarioJsonReader.PathOf(array), "an MLP needs at least one hidden layer", "write for example [512] or [256, 128]");
            }

            hidden = array.Select(item => r.Int(item, 1, int.MaxValue, "a whole number of at least 1", "512") ?? 1).ToArray();
            var between = hidden.Zip(hidden.Skip(1), (a, b) => ((double)a + 1) * b).Sum();
            if (between + hidden.Sum(h => (double)h) > ScenarioLimits.MaxParameters)
            {
                r.Report(
                    ScenarioJsonReader.PathOf(array),
                    $"these layers alone hold more than the {ScenarioLimits.MaxParameters.ToString("N0", CultureInfo.InvariantCulture)} parameters a model may have",
                    "write narrower layers, for example [512] or [256, 128]");
            }
        }

        var lambda = kind is ModelKind.Logistic or ModelKind.Softmax
            ? r.Number(model, "lambda", v => v >= 0, "a number of at least 0", "0.001") ?? 0
            : 0;
        var precision = r.Word(model, "precision", ScenarioWords.Precisions)
            ?? (kind is ModelKind.Linear or ModelKind.Logistic ? ModelPrecision.Float64 : ModelPrecision.Float32);
        var torchScript = kind == ModelKind.TorchScript ? ScenarioTorchScriptParser.Parse(r, model) : null;
        if (data is not null && torchScript is not null)
        {
            ScenarioTorchScriptParser.CheckFit(r, model, torchScript.Loss, data);
        }
        else if (data is not null)
        {
            CheckFit(r, model, kind.Value, data);
        }

        return new ScenarioModel(kind.Value, hidden, lambda, precision) { TorchScript = torchScript };
    }

    private static void CheckFit(ScenarioJsonReader r, JObject model, ModelKind kind, ScenarioData data)
    {
        var word = ScenarioWords.Models.WordOf(kind);
        var path = ScenarioJsonReader.PathOf(model, "kind");
        var source = ScenarioWords.Sources.WordOf(data.Source);
        switch (data.Source)
        {
            case DataSource.LagSynthetic when data.Synthetic?.Labels is (LabelKind.SignedBinary or LabelKind.AsStored) && kind != ModelKind.Logistic:
                r.Report(path, $"'{word}' does not fit source 'lag-synthetic' with \"labels\": \"{ScenarioWords.SyntheticLabels.WordOf(data.Synthetic!.Labels)}\"", "write \"kind\": \"logistic\"");
                break;
            case DataSource.LagSynthetic when data.Synthetic?.Labels is not (LabelKind.SignedBinary or LabelKind.AsStored) && kind != ModelKind.Linear:
                r.Report(path, $"'{word}' does not fit source 'lag-synthetic', which has real targets", "write \"kind\": \"linear\", or \"labels\": \"sign\" with -1/+1 targets for \"logistic\"");
                break;
            case DataSource.LagUci when data.Uci is { } uci:
                var needed = kind == ModelKind.Linear ? LagUci.RegressionSets : LagUci.LogisticSets;
                var wrong = uci.Sets.Where(s => !needed.Contains(s)).Distinct().ToArray();
                if (kind is not (ModelKind.Linear or ModelKind.Logistic))
                {
                    r.Report(path, $"'{word}' does not fit source 'lag-uci'", "write \"kind\": \"linear\" (housing, bodyfat, abalone) or \"logistic\" (ionosphere, adult-a1a, dermatology)");
                }
                else if (kind == ModelKind.Linear && uci.Labels == LabelKind.AsStored)
                {
                    r.Report(path, "'linear' does not fit \"labels\": \"as-stored\", which is for the logistic sets (the linear sets' targets are always read as stored)", "write \"kind\": \"logistic\", or leave \"labels\" out");
                }
                else if (wrong.Length > 0)
                {
                    r.Report(path, $"'{word}' does not fit the LAG sets {string.Join(", ", wrong)}", kind == ModelKind.Linear
                        ? "use only housing, bodyfat, abalone with \"linear\", or write \"kind\": \"logistic\""
                        : "use only ionosphere, adult-a1a, dermatology with \"logistic\", or write \"kind\": \"linear\"");
                }

                break;
            case DataSource.FashionMnist or DataSource.MnistJson or DataSource.Mixed
                when kind is ModelKind.ResNet18 or ModelKind.ResNet20 && data.Images is not { HasCifar: true }:
                r.Report(path, $"'{word}' takes 3-channel 32x32 images, and source '{source}' has 1-channel 28x28 images", "write \"kind\": \"cnn\", \"mlp\" or \"softmax\" for this source, or add a CIFAR source");
                break;
            case DataSource.FashionMnist or DataSource.MnistJson or DataSource.Mixed or DataSource.Cifar10 or DataSource.Cifar100
                when kind is ModelKind.Linear or ModelKind.Logistic:
                r.Report(path, $"'{word}' does not fit the class-labelled images of source '{source}'", "write \"kind\": \"softmax\", \"mlp\" or \"cnn\"");
                break;
            case DataSource.Csv or DataSource.Libsvm:
                var labels = data.Table!.Labels;
                var fits = kind switch
                {
                    ModelKind.Linear => labels == LabelKind.Target,
                    ModelKind.Logistic => labels == LabelKind.SignedBinary,
                    ModelKind.Cnn or ModelKind.ResNet18 or ModelKind.ResNet20 => false,
                    _ => labels is LabelKind.Class or LabelKind.Binary,
                };
                if (!fits)
                {
                    r.Report(path, $"'{word}' does not fit labels '{ScenarioWords.Labels.WordOf(labels)}' of source '{source}'", kind switch
                    {
                        ModelKind.Linear => "write \"labels\": \"target\" in data",
                        ModelKind.Logistic => "write \"labels\": \"sign\" in data",
                        ModelKind.Cnn => "use an image source, or \"kind\": \"mlp\"",
                        ModelKind.ResNet18 or ModelKind.ResNet20 => "use a source of 3-channel 32x32 images, or \"kind\": \"mlp\"",
                        _ => "write \"labels\": \"class\" or \"binary\" in data",
                    });
                }

                break;
        }
    }
}
