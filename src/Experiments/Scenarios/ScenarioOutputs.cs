namespace Sasg.Experiments.Scenarios;

/// <summary>Where results go (<c>outputs</c>).</summary>
/// <param name="Directory">The results folder as written (relative to the working directory); default results/&lt;name&gt;.</param>
/// <param name="Trace">Whether the network trace is written; default true.</param>
/// <param name="Plots">Whether plots are drawn; default true.</param>
/// <param name="Decisions">Which decision files are written; default <see cref="DecisionsFormat.Auto"/>.</param>
public sealed record ScenarioOutputs(string Directory, bool Trace, bool Plots, DecisionsFormat Decisions = DecisionsFormat.Auto);
