namespace Sasg.Experiments.Scenarios;

/// <summary>One thing wrong in a scenario file: where it is, what is wrong and what to write instead.</summary>
/// <param name="File">The scenario file as the user named it.</param>
/// <param name="JsonPath">The JSON path of the field, for example <c>$.network.workers[2].uplink</c>.</param>
/// <param name="Problem">What is wrong, naming the value found.</param>
/// <param name="Fix">What to write instead.</param>
public sealed record ScenarioProblem(string File, string JsonPath, string Problem, string Fix)
{
    /// <summary>The problem as one line: <c>file: $.json.path: what is wrong; what to write instead</c>, or for a
    /// problem with the whole file (path <c>$</c>: missing, too large, not JSON) <c>sasg: file: what is wrong; what to
    /// write instead</c>.</summary>
    public override string ToString() =>
        JsonPath == "$" ? $"sasg: {File}: {Problem}; {Fix}" : $"{File}: {JsonPath}: {Problem}; {Fix}";
}
