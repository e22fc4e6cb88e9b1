namespace Sasg.Experiments.Scenarios;

/// <summary>The model being trained (<c>model</c>).</summary>
/// <param name="Kind">The model family.</param>
/// <param name="Hidden">Hidden layer widths (mlp: default [512]; empty for other kinds).</param>
/// <param name="Lambda">The L2 coefficient (logistic, softmax); default 0.</param>
/// <param name="Precision">The parameter type; default float64 for linear and logistic, float32 otherwise.</param>
public sealed record ScenarioModel(ModelKind Kind, IReadOnlyList<int> Hidden, double Lambda, ModelPrecision Precision)
{
    /// <summary>The file, loss and input shape of a <c>"torchscript"</c> model; null for the other kinds.</summary>
    public ScenarioTorchScript? TorchScript { get; init; }
}
