using Newtonsoft.Json.Linq;
using Sasg.Experiments.Scenarios;

namespace Sasg.Experiments.Heterogeneity;

/// <summary>The scenarios a heterogeneity report runs: the given one with a seed, the three methods and (for a sweep)
/// one changed data field, each written back to JSON and read again so that the loader checks it.</summary>
internal static class HeterogeneityScenarios
{
    /// <summary>The methods every report runs, in this order; the labels are the names.</summary>
    public static readonly string[] Methods = ["GD", "LAG-WK", "LAG-PS"];

    // The trigger parameters taken over from the scenario's own LAG-WK and LAG-PS; anything else (codeFaithful,
    // maxDelay) is dropped so that the runs are the clean LAG of the theorem.
    private static readonly string[] TriggerParameters = ["window", "xi"];

    /// <summary>The problem raised when <paramref name="scenario"/>'s model has no smoothness constants.</summary>
    public static ScenarioException NotConvex(Scenario scenario) => Problem(
        scenario,
        "$.model.kind",
        $"the heterogeneity report needs L_m and L, which only the linear and logistic models have, not '{Word(scenario.Model.Kind)}'",
        "write \"kind\": \"linear\" or \"logistic\"");

    /// <summary><paramref name="scenario"/> with seed <paramref name="seed"/>, GD, LAG-WK and LAG-PS (keeping the
    /// scenario's window and xi for the two LAG methods, or, <paramref name="withinTheorem"/>, both with LAG-WK's
    /// window and <see cref="LagTheorem.WithinXi"/>), no sweep and no trace.</summary>
    public static Scenario ForSeed(Scenario scenario, long seed, bool withinTheorem = false) => Reparse(scenario, root =>
    {
        var window = Xi(scenario, "LAG-WK").Count;
        root["seed"] = seed;
        root.Remove("sweep");
        var outputs = root["outputs"] as JObject ?? [];
        outputs["trace"] = false;
        outputs["plots"] = false;
        root["outputs"] = outputs;
        root["algorithms"] = new JArray(Methods.Select(name => withinTheorem && name != "GD"
            ? new JObject
            {
                ["name"] = name,
                ["parameters"] = new JObject { ["window"] = window, ["xi"] = LagTheorem.WithinXi(window)[0] },
            }
            : Method(scenario, root, name)));
    });

    /// <summary><paramref name="scenario"/> with <c>data.base</c> = <paramref name="value"/> (lag-synthetic only).</summary>
    public static Scenario WithBase(Scenario scenario, double value)
    {
        if (scenario.Data.Source != DataSource.LagSynthetic)
        {
            throw Problem(scenario, "$.data.source", "--bases varies data.base, which only the lag-synthetic source has",
                "use a lag-synthetic scenario, or --workers");
        }

        return Reparse(scenario, root => ((JObject)root["data"]!)["base"] = value);
    }

    /// <summary><paramref name="scenario"/> with <paramref name="value"/> workers; for lag-uci the workers per set
    /// change with it (the value must be a multiple of the number of sets).</summary>
    public static Scenario WithWorkers(Scenario scenario, int value) => Reparse(scenario, root =>
    {
        var data = (JObject)root["data"]!;
        data["workers"] = value;
        if (scenario.Data.Uci is { } uci)
        {
            if (value % uci.Sets.Count != 0)
            {
                throw Problem(scenario, "$.data.workers", $"{value} workers cannot be split evenly over {uci.Sets.Count} sets",
                    $"give a multiple of {uci.Sets.Count} to --workers");
            }

            data["workersPerSet"] = value / uci.Sets.Count;
        }
    });

    /// <summary>The trigger weights xi_1..xi_D that <paramref name="method"/> runs with in <paramref name="scenario"/>:
    /// its window (default 10) and xi (LAG-WK default 1/D, LAG-PS default 1), as the algorithm factory reads them.</summary>
    public static IReadOnlyList<double> Xi(Scenario scenario, string method)
    {
        var spec = scenario.Algorithms.FirstOrDefault(a => a.Name == method);
        var window = 10;
        var xi = double.NaN;
        if (spec is not null)
        {
            window = spec.TryGetNumber("window", out var w) ? (int)w : window;
            xi = spec.TryGetNumber("xi", out var x) ? x : xi;
        }

        return HeterogeneityScore.UniformXi(window, double.IsNaN(xi) ? (method == "LAG-PS" ? 1.0 : 1.0 / window) : xi);
    }

    private static JObject Method(Scenario scenario, JObject root, string name)
    {
        var method = new JObject { ["name"] = name };
        var index = scenario.Algorithms.ToList().FindIndex(a => a.Name == name);
        if (index >= 0 && root["algorithms"]?[index]?["parameters"] is JObject given)
        {
            var kept = new JObject(given.Properties().Where(p => TriggerParameters.Contains(p.Name)).Select(p => new JProperty(p)));
            if (kept.Count > 0)
            {
                method["parameters"] = kept;
            }
        }

        return method;
    }

    private static Scenario Reparse(Scenario scenario, Action<JObject> change)
    {
        var root = (JObject)scenario.Source.DeepClone();
        change(root);
        return ScenarioLoader.Parse(root.ToString(), scenario.File, scenario.BaseDirectory);
    }

    private static string Word(ModelKind kind) => kind.ToString().ToLowerInvariant();

    private static ScenarioException Problem(Scenario scenario, string path, string problem, string fix) =>
        new(new ScenarioProblem(scenario.File, path, problem, fix));
}
