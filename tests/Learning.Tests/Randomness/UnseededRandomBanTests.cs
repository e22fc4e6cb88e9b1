using System.Text.RegularExpressions;
using Sasg.TestSupport;

namespace Sasg.Learning.Tests.Randomness;

/// <summary>House style item 10: randomness comes from seeded, named streams, never from an unseeded generator.</summary>
public sealed partial class UnseededRandomBanTests
{
    [GeneratedRegex(@"new\s+(System\.)?Random\s*\(\s*\)|Random\.Shared")]
    private static partial Regex Unseeded();

    [Test]
    public void SourceCode_HasNoUnseededRandom()
    {
        var offenders = new List<string>();
        foreach (var folder in new[] { "src", "tools" })
        {
            var root = RepositoryPaths.InRoot(folder);
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            {
                var separator = Path.DirectorySeparatorChar;
                if (file.Contains($"{separator}obj{separator}", StringComparison.Ordinal)
                    || file.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
                {
                    continue;
                }

                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (Unseeded().IsMatch(lines[i]))
                    {
                        offenders.Add($"{Path.GetRelativePath(RepositoryPaths.Root, file)}:{i + 1}: {lines[i].Trim()}");
                    }
                }
            }
        }

        Assert.That(offenders, Is.Empty, "use Sasg.Learning.Randomness.SeededRandom with a seed derived by name");
    }

    [TestCase("var r = new Random();")]
    [TestCase("var r = new System.Random( );")]
    [TestCase("var x = Random.Shared.Next();")]
    public void Pattern_CatchesTheUnseededForms(string line)
    {
        Assert.That(Unseeded().IsMatch(line), Is.True);
    }

    [TestCase("var r = new Random(42);")]
    [TestCase("var r = new SeededRandom(seed);")]
    public void Pattern_AllowsSeededGenerators(string line)
    {
        Assert.That(Unseeded().IsMatch(line), Is.False);
    }
}
