namespace Sasg.Experiments.Fidelity;

/// <summary>A reference the simulator is validated against: replays a plan of uploads on one network and writes
/// uploads.csv and environment.txt (and, for the emulator, probes.csv) into a folder (<see cref="EmulationResult"/>).</summary>
public interface INetworkReference
{
    /// <summary>The engine's name as its runs record it in environment.txt (<c>engine=</c>; netem runs have no such
    /// line): <c>netem</c> or <c>ns-3</c>.</summary>
    string Engine { get; }

    /// <summary>Null when the reference can run on this machine, else its one-line reason.</summary>
    string? CannotRunReason();

    /// <summary>Replays <paramref name="planFile"/> on <paramref name="configuration"/>'s network,
    /// <paramref name="passes"/> times; results go to <paramref name="directory"/>.</summary>
    /// <param name="configuration">The network.</param>
    /// <param name="planFile">The plan (<see cref="EmulationPlan.ToText"/>).</param>
    /// <param name="directory">Where the run's files go.</param>
    /// <param name="passes">Passes over the plan.</param>
    /// <param name="prefix">A name prefix for what the run creates on the machine (namespaces).</param>
    /// <exception cref="InvalidOperationException">The run failed; the message holds the tool's last output line.</exception>
    void Run(FidelityConfiguration configuration, string planFile, string directory, int passes, string prefix);
}
