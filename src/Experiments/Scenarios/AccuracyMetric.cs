namespace Sasg.Experiments.Scenarios;

/// <summary>Which accuracy <c>stop.targetAccuracy</c> is compared with (<c>stop.accuracyMetric</c>).</summary>
public enum AccuracyMetric
{
    /// <summary>"top1": the fraction whose highest output is the label (test_accuracy).</summary>
    Top1,

    /// <summary>"top5": the fraction whose label is among the five highest outputs (test_top5_accuracy).</summary>
    Top5,
}
