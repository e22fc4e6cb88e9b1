using Sasg.Learning.Encoding;

namespace Sasg.Experiments.Scenarios;

/// <summary>What a topology needs to know of a method: whether it skips uploads (LAG-style), whether its server sends
/// requests, and whether its payloads are quantized (so that neither a sum nor a gather keeps their encoding).</summary>
public static class TopologyMethods
{
    private static readonly string[] Skipping =
        ["LAG-WK", "LAG-PS", "Cyc-IAG", "Num-IAG", "LASG-WK2", "LASG-SASG", "LASG-PS", "SASG", "LAQ"];

    private static readonly string[] QuantizedMethods = ["QSGD", "Sign-SGD", "LAQ"];

    /// <summary>Whether <paramref name="name"/> lets workers skip uploads or has the server choose who uploads (LAG,
    /// LASG, SASG, IAG, LAQ).</summary>
    public static bool Skips(string name) => Skipping.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="name"/>'s server requests uploads (LAG-PS, LASG-PS, Cyc-IAG, Num-IAG).</summary>
    public static bool SendsRequests(string name) => ScenarioProtocolParser.ServerSelected.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="name"/>'s uploads are quantized: a quantizing method, or any method under a
    /// quantizing <c>network.encoding</c> (qsgd, sign, laq).</summary>
    public static bool IsQuantized(string name, string encoding) => QuantizedBy(name, encoding).Length > 0;

    /// <summary>What quantizes <paramref name="name"/>'s uploads (the method, or the encoding), or empty.</summary>
    public static string QuantizedBy(string name, string encoding)
    {
        if (!string.Equals(encoding, "default", StringComparison.OrdinalIgnoreCase)
            && WireEncodings.TryByName(encoding, out var wire) && wire is QsgdEncoding or SignEncoding or LaqEncoding)
        {
            return $"network.encoding \"{wire.Name}\"";
        }

        return QuantizedMethods.Contains(name, StringComparer.OrdinalIgnoreCase) ? name : string.Empty;
    }
}
