namespace Sasg.Experiments.Heterogeneity;

/// <summary>A heterogeneity report of one scenario: what was run and every seed's prediction and measurement.</summary>
/// <param name="ScenarioName">The scenario's name.</param>
/// <param name="Model">"linear" or "logistic".</param>
/// <param name="Target">The stopping target in words, for example <c>|f - f*| &lt; 1e-08</c>.</param>
/// <param name="Iterations">The iteration budget of each run.</param>
/// <param name="Seeds">One result per seed, in the order given.</param>
public sealed record HeterogeneityOutcome(
    string ScenarioName, string Model, string Target, int Iterations, IReadOnlyList<HeterogeneitySeedResult> Seeds)
{
    /// <summary>The first seed's prediction (the per-worker figures shown in tables).</summary>
    public HeterogeneityPrediction Prediction => Seeds[0].Prediction;
}
