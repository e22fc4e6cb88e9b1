namespace Sasg.Experiments.Scenarios;

/// <summary>When the model is evaluated (<c>evaluation</c>).</summary>
/// <param name="Every">Evaluate every this many iterations; default 1 for full-batch training, 100 otherwise.</param>
/// <param name="TestSet">Whether the test set is evaluated; default true when the data has one.</param>
public sealed record ScenarioEvaluation(int Every, bool TestSet);
