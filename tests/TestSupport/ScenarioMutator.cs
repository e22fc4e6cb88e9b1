using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sasg.TestSupport;

/// <summary>Seeded mutations of a scenario file for fuzz tests: a value swapped for an edge case (2^63, 1e300, -1,
/// 1.5, a huge quantity, a NUL), a field removed, renamed or added, an array element repeated, or the text cut or
/// spliced with a stray character.</summary>
public static class ScenarioMutator
{
    private static readonly string[] Values =
    [
        "9223372036854775808", "-9223372036854775809", "1e300", "-1e300", "-1", "0", "1.5", "2147483648", "1e400",
        "\"\"", "\"x\"", "null", "true", "[]", "{}", "\"1e300Gbps\"", "\"-5ms\"", "\"1.5B\"", "\"99999999999999999999999999999GB\"",
        "\"a\\u0000b\"", "\"1/L\"", "\"full\"", "10001", "[1e300]", "[9223372036854775808]", "100000000",
    ];

    private static readonly char[] Stray = ['{', '}', '[', ']', ',', '"', ':', '\0', '\t', '\u0001', '0', '-', 'e', '/', '\\'];

    /// <summary>One mutant of <paramref name="json"/>: one to three structural edits, or one text edit.</summary>
    public static string Mutate(string json, Random random)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(random);
        if (random.NextDouble() < 0.25)
        {
            return MutateText(json, random);
        }

        var root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits; i++)
        {
            MutateTree(root, random);
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string MutateText(string json, Random random)
    {
        var at = random.Next(json.Length);
        return random.Next(3) switch
        {
            0 => json[..at],
            1 => json[..at] + Stray[random.Next(Stray.Length)] + json[at..],
            _ => json.Remove(at, 1),
        };
    }

    private static void MutateTree(JsonNode root, Random random)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var node = nodes[random.Next(nodes.Count)];
        var parent = node.Parent;
        switch (random.Next(5))
        {
            case 0 when parent is JsonObject obj:
                obj.Remove(node.GetPropertyName());
                break;
            case 1 when parent is JsonObject obj:
                var name = node.GetPropertyName();
                obj.Remove(name);
                obj[Typo(name, random)] = node;
                break;
            case 2 when node is JsonObject target:
                target["zzz" + random.Next(10).ToString(System.Globalization.CultureInfo.InvariantCulture)] = Value(random);
                break;
            case 3 when parent is JsonArray array:
                array.Add(node.DeepClone());
                break;
            default:
                if (parent is not null)
                {
                    node.ReplaceWith(Value(random));
                }

                break;
        }
    }

    private static JsonNode? Value(Random random) => JsonNode.Parse(Values[random.Next(Values.Length)]);

    private static string Typo(string name, Random random)
    {
        if (name.Length < 2)
        {
            return name + "x";
        }

        var at = random.Next(name.Length - 1);
        var builder = new StringBuilder(name);
        (builder[at], builder[at + 1]) = (builder[at + 1], builder[at]);
        var typo = builder.ToString();
        return typo == name ? name + "s" : typo;
    }

    private static void Collect(JsonNode? node, List<JsonNode> nodes)
    {
        if (node is null)
        {
            return;
        }

        nodes.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var property in obj.ToList())
                {
                    Collect(property.Value, nodes);
                }

                break;
            case JsonArray array:
                foreach (var item in array.ToList())
                {
                    Collect(item, nodes);
                }

                break;
        }
    }
}
