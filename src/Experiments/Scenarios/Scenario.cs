using Newtonsoft.Json.Linq;

namespace Sasg.Experiments.Scenarios;

/// <summary>One parsed, validated scenario file with every default applied.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Description">Free text; default empty.</param>
/// <param name="Seed">The master seed every random stream derives from; default 1.</param>
/// <param name="Data">Dataset and partition.</param>
/// <param name="Model">The model.</param>
/// <param name="Training">Training length, batch and step size.</param>
/// <param name="Stop">Early-stop targets.</param>
/// <param name="Evaluation">Evaluation cadence.</param>
/// <param name="Algorithms">The methods to compare, in file order.</param>
/// <param name="Network">The simulated network.</param>
/// <param name="Compute">The compute-time model.</param>
/// <param name="Outputs">Where results go.</param>
/// <param name="Sweep">The sweep block, or null (always null in an expanded cell).</param>
/// <param name="File">The file name used in problems.</param>
/// <param name="Source">The JSON as written (without defaults); a copy, never mutated.</param>
public sealed record Scenario(
    string Name,
    string Description,
    long Seed,
    ScenarioData Data,
    ScenarioModel Model,
    ScenarioTraining Training,
    ScenarioStop Stop,
    ScenarioEvaluation Evaluation,
    IReadOnlyList<ScenarioAlgorithm> Algorithms,
    ScenarioNetwork Network,
    ScenarioCompute Compute,
    ScenarioOutputs Outputs,
    ScenarioSweep? Sweep,
    string File,
    JObject Source)
{
    /// <summary>The training protocol (<c>protocol</c>); default synchronous.</summary>
    public ScenarioProtocol Protocol { get; init; } = ScenarioProtocol.Synchronous;
    /// <summary>Partial participation (<c>participation</c>), or null: every worker takes part in every round.</summary>
    public ScenarioParticipation? Participation { get; init; }

    /// <summary>The folder relative paths are resolved against, or null.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>When the workers are online (<c>availability</c>), or null for always.</summary>
    public ScenarioAvailability? Availability { get; init; }

    /// <summary>The cell this scenario is in a sweep, or null for a scenario that was not expanded.</summary>
    public ScenarioCell? Cell { get; init; }

    /// <summary>Every field with its resolved value (units written canonically, invariant culture), indented JSON.</summary>
    public string ToResolvedJson() => ScenarioWriter.Write(this).ToString(Newtonsoft.Json.Formatting.Indented);

    /// <summary>The cells of the sweep (cartesian product in file order, last axis fastest), each a scenario with its
    /// values applied and <see cref="Cell"/> set; a scenario without a sweep yields itself as the only cell.</summary>
    /// <exception cref="ScenarioException">A combination of values is invalid (each value alone was checked on load).</exception>
    public IEnumerable<Scenario> Expand() => ScenarioSweeper.Expand(this);
}
