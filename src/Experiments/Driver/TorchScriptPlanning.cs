using System.Globalization;
using Sasg.Experiments.Scenarios;
using Sasg.Learning.Data;
using Sasg.Learning.Models;
using static TorchSharp.torch;

namespace Sasg.Experiments.Driver;

/// <summary>Plans a <c>"torchscript"</c> model: reads the file once, loads it, and checks it against the data
/// (<see cref="TorchScriptCheck"/>) before anything is trained; every problem names the model field to change.</summary>
internal static class TorchScriptPlanning
{
    /// <summary>A factory that loads the scenario's TorchScript file afresh for every run (each method trains its own
    /// copy from the file's weights).</summary>
    /// <exception cref="ScenarioException">The file cannot be read or loaded, or does not fit the data.</exception>
    public static Func<SupervisedModel> CreateModel(Scenario scenario, Dataset first, int classes)
    {
        var settings = scenario.Model.TorchScript
            ?? throw new InvalidOperationException("A torchscript model without its settings.");
        var loss = settings.Loss;
        if (loss == TorchScriptLoss.CrossEntropy && classes < 2)
        {
            throw Problem(scenario, "$.model.loss", "cross-entropy needs class labels but the data has real targets", "write \"loss\": \"mse\"");
        }

        if (loss == TorchScriptLoss.MeanSquaredError && first.Targets is null)
        {
            throw Problem(scenario, "$.model.loss", "mse needs real targets but the data has class labels", "write \"loss\": \"cross-entropy\"");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(settings.Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Problem(scenario, "$.model.path", $"cannot read '{settings.Path}': {ex.Message}", "write the path of a readable TorchScript file, relative to the scenario file's folder");
        }

        var shape = settings.InputShape ?? first.SampleShape;
        var dtype = scenario.Model.Precision == ModelPrecision.Float64 ? ScalarType.Float64 : ScalarType.Float32;
        TorchScriptProblem? problem;
        try
        {
            using var model = TorchScriptModel.Load(bytes, shape, loss);
            var count = model.parameters().Sum(p => p.numel());
            if (count > ScenarioLimits.MaxParameters)
            {
                throw Problem(
                    scenario,
                    "$.model.path",
                    $"'{settings.Path}' has {count.ToString("N0", CultureInfo.InvariantCulture)} parameters, more than the {ScenarioLimits.MaxParameters.ToString("N0", CultureInfo.InvariantCulture)} allowed",
                    "use a smaller model");
            }

            var row = new double[first.FeatureCount];
            first.CopyRowTo(0, row);
            problem = TorchScriptCheck.Check(model, dtype, row, classes);
        }
        catch (TorchScriptException ex)
        {
            problem = ex.Problem;
        }

        if (problem is not null)
        {
            var field = problem.Kind switch
            {
                TorchScriptProblemKind.Precision => "$.model.precision",
                TorchScriptProblemKind.Input => "$.model.inputShape",
                _ => "$.model.path",
            };
            throw Problem(scenario, field, $"'{settings.Path}': {problem.Problem}", problem.Fix);
        }

        return () => TorchScriptModel.Load(bytes, shape, loss);
    }

    private static ScenarioException Problem(Scenario scenario, string path, string problem, string fix) =>
        new(new ScenarioProblem(scenario.File, path, problem, fix));
}
