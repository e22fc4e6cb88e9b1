namespace Sasg.Experiments.Scenarios;

/// <summary>Which workers a round's participants are sampled from (<c>participation.among</c>).</summary>
public enum ParticipationPool
{
    /// <summary>"all": every worker, online or not.</summary>
    All,

    /// <summary>"available": the workers online at the round's start (every worker when the scenario has no
    /// availability); fewer than K when fewer are online.</summary>
    Available,
}
