namespace Sasg.Learning.Tests;

/// <summary>The build patches only its own copy of libLibTorchSharp.so, and only where libstdc++ needs it.</summary>
public sealed class LibTorchCompatTests
{
    private const string Library = "libLibTorchSharp.so";

    [Test]
    public void BuildOutputCopy_DiffersFromPackageCopyExactlyWhenSystemLacksGlibcxx3432()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", Library);
        var package = PackageCopy();
        if (!OperatingSystem.IsLinux() || !File.Exists(output) || package is null)
        {
            Assert.Ignore("Needs Linux, the build output's libLibTorchSharp.so and the NuGet cache's copy.");
        }

        var patched = File.ReadAllBytes(output);
        var original = File.ReadAllBytes(package);
        var differing = Enumerable.Range(0, original.Length).Where(i => patched[i] != original[i]).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(patched, Has.Length.EqualTo(original.Length));
            if (SystemLibStdCxxDefines("GLIBCXX_3.4.32"))
            {
                Assert.That(differing, Is.Empty, "a libstdc++ with GLIBCXX_3.4.32 needs no patch");
            }
            else
            {
                // One vernaux flags field: 0 -> 2 (VER_FLG_WEAK) in its low byte.
                Assert.That(differing, Has.Count.EqualTo(1));
                Assert.That(original[differing[0]] & 2, Is.Zero);
                Assert.That(patched[differing[0]], Is.EqualTo(original[differing[0]] | 2));
            }
        }
    }

    private static string? PackageCopy()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", Library);
        return File.Exists(path) ? path : null;
    }

    private static bool SystemLibStdCxxDefines(string version)
    {
        string[] candidates =
        [
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        ];
        var library = candidates.First(File.Exists);
        var needle = System.Text.Encoding.ASCII.GetBytes(version + "\0");
        return File.ReadAllBytes(library).AsSpan().IndexOf(needle) >= 0;
    }
}
