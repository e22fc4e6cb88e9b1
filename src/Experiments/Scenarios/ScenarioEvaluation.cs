namespace Sasg.Experiments.Scenarios;

/// <summary>When the model is evaluated (<c>evaluation</c>).</summary>
/// <param name="Every">Evaluate every this many iterations; default 1 for full-batch training, 100 otherwise.</param>
/// <param name="TestSet">Whether the test set is evaluated; default true when the data has one.</param>
/// <param name="Top5">Whether top-5 accuracy is reported besides top-1 (also when <c>stop.accuracyMetric</c> is top5);
/// default false.</param>
public sealed record ScenarioEvaluation(int Every, bool TestSet, bool Top5 = false);
