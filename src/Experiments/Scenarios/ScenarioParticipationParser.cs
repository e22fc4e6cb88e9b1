using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Sasg.Experiments.Scenarios;

/// <summary>Reads the <c>participation</c> section (docs/scenario-format.md).</summary>
internal static class ScenarioParticipationParser
{
    /// <summary>The section, or null when the scenario has none (every worker takes part in every round).</summary>
    /// <param name="r">Where problems go.</param>
    /// <param name="section">The <c>participation</c> object, or null.</param>
    /// <param name="workers">M when the data section gives it, for the check K &lt;= M.</param>
    public static ScenarioParticipation? Parse(ScenarioJsonReader r, JObject? section, int? workers)
    {
        if (section is null)
        {
            return null;
        }

        r.Fields(section, ["workers", "among"]);
        var sampled = r.Int(section, "workers", 1, "10", required: true);
        var among = r.Word(section, "among", ScenarioWords.ParticipationPools) ?? ParticipationPool.All;
        if (sampled is { } k && workers is { } m && k > m)
        {
            r.Report(
                ScenarioJsonReader.PathOf(section, "workers"),
                $"{k.ToString(CultureInfo.InvariantCulture)} workers sampled per round, but the scenario has {m.ToString(CultureInfo.InvariantCulture)} (data.workers)",
                $"write a number from 1 to {m.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return sampled is { } count ? new ScenarioParticipation(count, among) : null;
    }

    /// <summary>The section as the resolved scenario.json writes it.</summary>
    public static JObject Write(ScenarioParticipation participation) => new()
    {
        ["workers"] = participation.Workers,
        ["among"] = ScenarioWords.ParticipationPools.WordOf(participation.Among),
    };
}
