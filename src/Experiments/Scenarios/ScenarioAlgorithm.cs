namespace Sasg.Experiments.Scenarios;

/// <summary>One method to compare (<c>algorithms[i]</c>).</summary>
/// <param name="Name">The method in its canonical spelling (GD, SGD, LAG-WK, LAG-PS, Cyc-IAG, Num-IAG, LASG-WK2, LASG-SASG,
/// LASG-PS, Top-k, SASG, QSGD, Sign-SGD, Random-k, LAQ).</param>
/// <param name="Label">The name shown in reports; default the name; unique within a scenario.</param>
/// <param name="Parameters">The method's parameters as written: each value is a <see cref="double"/>, a
/// <see cref="string"/> or a <see cref="bool"/>; keys compare case-sensitively, in file order.</param>
/// <param name="JsonPath">Where the algorithm sits in the file (<c>$.algorithms[1]</c>), for the driver's problems.</param>
public sealed record ScenarioAlgorithm(
    string Name,
    string Label,
    IReadOnlyDictionary<string, object> Parameters,
    string JsonPath)
{
    /// <summary>The topology kinds this method runs on (<c>algorithms[i].topologies</c>), or null for every kind: in
    /// a scenario or sweep cell of another kind it is not run (a sweep reports it as not applicable).</summary>
    public IReadOnlyList<TopologyKind>? Topologies { get; init; }

    /// <summary>Whether the method runs on topology <paramref name="kind"/>.</summary>
    public bool RunsOn(TopologyKind kind) => Topologies is null || Topologies.Contains(kind);

    /// <summary>The numeric parameter <paramref name="name"/>, if present and a number.</summary>
    public bool TryGetNumber(string name, out double value)
    {
        var found = Parameters.TryGetValue(name, out var raw) && raw is double;
        value = found ? (double)raw! : 0;
        return found;
    }

    /// <summary>The string parameter <paramref name="name"/>, if present and a string.</summary>
    public bool TryGetString(string name, out string value)
    {
        var found = Parameters.TryGetValue(name, out var raw) && raw is string;
        value = found ? (string)raw! : string.Empty;
        return found;
    }

    /// <summary>The Boolean parameter <paramref name="name"/>, if present and a Boolean.</summary>
    public bool TryGetBoolean(string name, out bool value)
    {
        var found = Parameters.TryGetValue(name, out var raw) && raw is bool;
        value = found && (bool)raw!;
        return found;
    }

    /// <summary>The JSON path of parameter <paramref name="name"/>, for a <see cref="ScenarioProblem"/>.</summary>
    public string ParameterPath(string name) => $"{JsonPath}.parameters.{name}";
}
