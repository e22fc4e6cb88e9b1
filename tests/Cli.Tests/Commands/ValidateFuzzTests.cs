using Sasg.Learning.Data;
using Sasg.TestSupport;
using Spectre.Console.Testing;

namespace Sasg.Cli.Tests.Commands;

/// <summary>Seeded mutants of every shipped scenario through <c>sasg validate</c>: exit 0 or 2 only (never an internal
/// error), one distinct line per problem each naming the file, no hang and bounded memory.</summary>
[NonParallelizable]
public sealed class ValidateFuzzTests
{
    private const int MutantsPerFile = 40;
    private const long AllocationLimit = 256L * 1024 * 1024;
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    private static IEnumerable<string> Files() =>
        Directory.GetFiles(RepositoryPaths.InRoot("scenarios"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(Files))]
    public void Validate_OnMutantsOfAShippedScenario_ExitsZeroOrTwoWithOneLinePerProblemNamingTheFile(string file)
    {
        using var folder = new TemporaryDirectory();
        var text = File.ReadAllText(RepositoryPaths.InRoot("scenarios", file));
        var random = new Random(file.Length * 104729);
        var failures = new List<string>();

        for (var i = 0; i < MutantsPerFile; i++)
        {
            var path = folder.WriteFile($"m{i}.json", ScenarioMutator.Mutate(text, random));
            var (finished, code, lines, allocated) = Validate(path);
            var problem = !finished ? "did not finish"
                : code is not (0 or 2) ? $"exit {code}"
                : code == 2 && lines.Length == 0 ? "exit 2 without a line"
                : lines.FirstOrDefault(l => !l.StartsWith($"sasg: {path}: ", StringComparison.Ordinal) && !l.StartsWith($"{path}: $.", StringComparison.Ordinal)) is { } stray ? $"a line not naming the file: {stray}"
                : lines.Distinct().Count() != lines.Length ? "a repeated line"
                : allocated > AllocationLimit ? $"{allocated} bytes allocated"
                : null;
            if (problem is not null)
            {
                failures.Add($"{problem}: {string.Join(" | ", lines)}\n{File.ReadAllText(path)}");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    // Runs on its own thread so that a hang fails the case instead of the run, and so that the bytes allocated are
    // this validation's alone.
    private static (bool Finished, int Code, string[] Lines, long Allocated) Validate(string path)
    {
        var error = new StringWriter();
        var code = -1;
        long allocated = 0;
        var thread = new Thread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            code = SasgApp.Run(["validate", path], new TestConsole(), error, DatasetLocator.Default);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        })
        {
            IsBackground = true,
        };
        thread.Start();
        var finished = thread.Join(HangLimit);
        return (finished, code, finished ? error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries) : [], allocated);
    }
}
