using System.Text;
using System.Text.RegularExpressions;

namespace Sasg.Cli.Tests.Commands;

/// <summary>Seeded mutations of a recorded results folder's decisions.csv and summary.json: replay ends with exit 0 or
/// with exit 2 and one line naming the damaged file, in bounded time and memory.</summary>
public sealed partial class ReplayFuzzTests
{
    private const int Cases = 160;

    private static readonly string[] Garbage =
    [
        "", "-1", "0", "1e8", "NaN", "abc", "\0", "99999999999999999999", "9223372036854775807", "-9223372036854775808",
        "2147483648", "1152921504606846976", "\"", "true", "null", "[]", "{}", "3.5", "upload", "skip",
    ];

    [Test]
    public void Replay_OfSeededMutations_ExitsZeroOrTwoWithOneLineNamingTheFile()
    {
        var random = new Random(15);
        for (var i = 0; i < Cases; i++)
        {
            using var folder = ReplayCommandTests.Copy();
            var file = random.Next(3) == 0 ? "summary.json" : "decisions.csv";
            var path = Path.Combine(folder.Path, file);
            var mutation = Mutate(random, File.ReadAllBytes(path), file == "summary.json");
            File.WriteAllBytes(path, mutation.Bytes);

            var run = Task.Run(() =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var result = ReplayCommandTests.Replay(folder.Path);
                return (result.Code, result.Error, Allocated: GC.GetAllocatedBytesForCurrentThread() - before);
            });

            var label = $"case {i}: {mutation.Name} of {file}";
            Assert.That(run.Wait(TimeSpan.FromSeconds(30)), Is.True, $"{label}: no answer within 30 s");
            var (code, error, allocated) = run.Result;
            using (Assert.EnterMultipleScope())
            {
                Assert.That(code, Is.EqualTo(0).Or.EqualTo(2), $"{label}: {error}");
                Assert.That(allocated, Is.LessThan(64L << 20), $"{label}: allocated {allocated} bytes");
                if (code == 2)
                {
                    Assert.That(error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), $"{label}: {error}");
                    Assert.That(error, Does.StartWith("sasg: ").And.Contain(file), label);
                }
            }
        }
    }

    private static (string Name, byte[] Bytes) Mutate(Random random, byte[] bytes, bool json)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split('\n').ToList();
        switch (random.Next(json ? 9 : 8))
        {
            case 0:
                return ("truncation", bytes[..random.Next(bytes.Length)]);
            case 1:
                return ("empty file", []);
            case 2:
                var garbage = new byte[random.Next(1, 4096)];
                random.NextBytes(garbage);
                return ("binary garbage", garbage);
            case 3:
                lines.RemoveAt(random.Next(lines.Count));
                return ("deleted line", Join(lines));
            case 4:
                var copied = random.Next(lines.Count);
                lines.Insert(random.Next(lines.Count), lines[copied]);
                return ("repeated line", Join(lines));
            case 5:
                var at = random.Next(bytes.Length);
                var flipped = (byte[])bytes.Clone();
                flipped[at] = (byte)random.Next(256);
                return ("changed byte", flipped);
            case 6 when !json:
                var line = random.Next(1, lines.Count);
                var fields = lines[line].Split(',');
                var (a, b) = (random.Next(fields.Length), random.Next(fields.Length));
                (fields[a], fields[b]) = (fields[b], fields[a]);
                lines[line] = string.Join(',', fields);
                return ("swapped fields", Join(lines));
            case 7 when !json:
                var row = random.Next(1, lines.Count);
                var cells = lines[row].Split(',');
                cells[random.Next(cells.Length)] = Garbage[random.Next(Garbage.Length)];
                lines[row] = string.Join(',', cells);
                return ("garbled field", Join(lines));
            default:
                var numbers = Number().Matches(text);
                var match = numbers[random.Next(numbers.Count)];
                var value = Garbage[random.Next(Garbage.Length)];
                return ($"number {match.Value} -> {value}", Encoding.UTF8.GetBytes(text[..match.Index] + value + text[(match.Index + match.Length)..]));
        }
    }

    private static byte[] Join(List<string> lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines));

    [GeneratedRegex("-?[0-9][0-9.eE+-]*")]
    private static partial Regex Number();
}
