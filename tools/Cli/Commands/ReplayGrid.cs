using System.Globalization;

namespace Sasg.Cli.Commands;

/// <summary>A <c>sasg replay --grid</c> file: a CSV whose header names network fields (uplink, downlink, latency,
/// server-ingress, ingress, mtu, connection; any subset, any order) and whose every other line is one network, its
/// values written as the options take them; an empty cell keeps the value the options (or the run) give.</summary>
internal static class ReplayGrid
{
    /// <summary>The networks of <paramref name="path"/>, in file order.</summary>
    /// <exception cref="FormatException">The file is missing, empty, has an unknown column, a line with another
    /// number of fields or a bad value; the message is one line naming the file, the line and column, and the fix.</exception>
    public static IReadOnlyList<ReplayNetworkOverrides> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FormatException($"{path}: no such file; give a CSV of networks, for example a header 'uplink,latency' and lines '10Mbps,5ms'");
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"{path}: cannot be read ({ex.Message.TrimEnd('.')}); give --grid a CSV file you can read", ex);
        }
        var header = lines.Length == 0 ? [] : lines[0].Split(',').Select(c => c.Trim()).ToArray();
        if (header.Length == 0 || header.All(c => c.Length == 0))
        {
            throw new FormatException($"{path}: line 1: the file is empty; write a header of network fields ({Fields}) and one network per line");
        }

        if (header.FirstOrDefault(c => !ReplayNetworkFields.Names.Contains(c)) is { } unknown)
        {
            throw new FormatException($"{path}: line 1: column '{unknown}' is not a network field; write columns from {Fields}");
        }

        var networks = new List<ReplayNetworkOverrides>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            networks.Add(Network(path, i + 1, header, lines[i].Split(',')));
        }

        return networks.Count > 0
            ? networks
            : throw new FormatException($"{path}: line 2: no networks after the header; add one network per line, for example '{string.Join(",", header.Select(Example))}'");
    }

    private static string Fields => string.Join(", ", ReplayNetworkFields.Names);

    private static ReplayNetworkOverrides Network(string path, int line, string[] header, string[] cells)
    {
        var number = line.ToString(CultureInfo.InvariantCulture);
        if (cells.Length != header.Length)
        {
            throw new FormatException(
                $"{path}: line {number}: {cells.Length.ToString(CultureInfo.InvariantCulture)} fields where the header has {header.Length.ToString(CultureInfo.InvariantCulture)}; write one value per column (an empty cell keeps the run's value)");
        }

        var network = ReplayNetworkOverrides.None;
        for (var c = 0; c < cells.Length; c++)
        {
            var text = cells[c].Trim();
            if (text.Length == 0)
            {
                continue;
            }

            try
            {
                network = ReplayNetworkFields.Set(network, header[c], text);
            }
            catch (FormatException ex)
            {
                throw new FormatException($"{path}: line {number}: column '{header[c]}': '{text}': {ex.Message}", ex);
            }
        }

        return network;
    }

    private static string Example(string field) => field switch
    {
        "uplink" or "downlink" or "server-ingress" => "10Mbps",
        "latency" => "5ms",
        "ingress" => "fair-share",
        "mtu" => "1500",
        _ => "persistent",
    };
}
