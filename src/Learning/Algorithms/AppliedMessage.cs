namespace Sasg.Learning.Algorithms;

/// <summary>One worker's message in a server update under a time-driven protocol.</summary>
/// <param name="Worker">The worker's index.</param>
/// <param name="Staleness">tau: the server updates between the model the worker stepped at and the model this update
/// changes (0 when none came in between).</param>
/// <param name="Fresh">Whether the message was uploaded by the step reported (false: a skip report, which applies the
/// worker's stored message again).</param>
/// <param name="Weight">The damping weight the message was applied with (1 without damping).</param>
public readonly record struct AppliedMessage(int Worker, int Staleness, bool Fresh, double Weight);
