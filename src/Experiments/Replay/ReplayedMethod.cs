namespace Sasg.Experiments.Replay;

/// <summary>One method of a replayed results folder.</summary>
/// <param name="Label">The method's label.</param>
/// <param name="Uploads">The uploads its decisions hold.</param>
/// <param name="RecordedSeconds">The simulated seconds summary.json recorded, or null.</param>
/// <param name="ReplayedSeconds">The simulated seconds of the decisions on the replay's network.</param>
public sealed record ReplayedMethod(string Label, int Uploads, double? RecordedSeconds, double ReplayedSeconds);
