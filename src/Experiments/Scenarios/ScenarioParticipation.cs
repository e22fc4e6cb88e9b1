namespace Sasg.Experiments.Scenarios;

/// <summary>Partial participation (<c>participation</c>): each synchronous round the server samples
/// <paramref name="Workers"/> of the M workers, uniformly without replacement, and only those compute and send.</summary>
/// <param name="Workers">K, the workers sampled per round, 1..M.</param>
/// <param name="Among">Whether the sample is drawn among all workers or among those online at the round's start.</param>
public sealed record ScenarioParticipation(int Workers, ParticipationPool Among);
