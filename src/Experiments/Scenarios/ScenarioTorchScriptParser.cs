using Newtonsoft.Json.Linq;
using Sasg.Learning.Data;
using Sasg.Learning.Models;

namespace Sasg.Experiments.Scenarios;

/// <summary>Reads the fields of a <c>"torchscript"</c> model (<c>path</c>, <c>loss</c>, <c>inputShape</c>) and checks
/// that its loss fits the data's labels; the file itself is checked when the run is planned.</summary>
internal static class ScenarioTorchScriptParser
{
    /// <summary>The fields that apply only to <c>"kind": "torchscript"</c>.</summary>
    public static IReadOnlyList<string> Fields { get; } = ["path", "loss", "inputShape"];

    public static ScenarioTorchScript Parse(ScenarioJsonReader r, JObject model)
    {
        var path = r.String(model, "path", "\"models/net.pt\"", required: true);
        var resolved = path is null ? string.Empty : r.ResolvePath(path);
        if (path is not null && r.DataFileMissing(resolved))
        {
            r.Report(
                ScenarioJsonReader.PathOf(model["path"]!),
                $"file '{resolved}' does not exist",
                "write the path of a TorchScript file (torch.jit.save; docs/models.md), relative to the scenario file's folder");
        }

        var loss = r.Word(model, "loss", ScenarioWords.TorchScriptLosses) ?? TorchScriptLoss.CrossEntropy;
        IReadOnlyList<int>? shape = null;
        if (r.Array(model, "inputShape", "an array of whole numbers", "[1, 28, 28]") is { } array)
        {
            if (array.Count == 0)
            {
                r.Report(ScenarioJsonReader.PathOf(array), "an input shape needs at least one dimension", "write for example [1, 28, 28] or [784]");
            }

            shape = array.Select(item => r.Int(item, 1, int.MaxValue, "a whole number of at least 1", "28") ?? 1).ToArray();
        }

        return new ScenarioTorchScript(resolved, loss, shape);
    }

    /// <summary>Reports a loss that does not fit the labels of <paramref name="data"/>: cross-entropy needs class
    /// labels, mse real targets.</summary>
    public static void CheckFit(ScenarioJsonReader r, JObject model, TorchScriptLoss loss, ScenarioData data)
    {
        bool? classes = data.Source switch
        {
            DataSource.LagSynthetic or DataSource.LagUci => false,
            DataSource.FashionMnist or DataSource.MnistJson or DataSource.Mixed => true,
            DataSource.Csv or DataSource.Libsvm => data.Table?.Labels is LabelKind.Class or LabelKind.Binary,
            _ => null,
        };
        var source = ScenarioWords.Sources.WordOf(data.Source);
        var path = model["loss"] is { } written ? ScenarioJsonReader.PathOf(written) : ScenarioJsonReader.PathOf(model, "loss");
        if (loss == TorchScriptLoss.CrossEntropy && classes == false)
        {
            r.Report(path, $"cross-entropy needs class labels but source '{source}' has real targets", "write \"loss\": \"mse\"");
        }
        else if (loss == TorchScriptLoss.MeanSquaredError && classes == true)
        {
            r.Report(
                path,
                $"mse needs real targets but source '{source}' has class labels",
                data.Table is null ? "write \"loss\": \"cross-entropy\"" : "write \"loss\": \"cross-entropy\", or \"labels\": \"target\" in data");
        }
    }
}
