using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Sasg.TestSupport;

namespace Sasg.Cli.Tests;

/// <summary>THIRD-PARTY-NOTICES.md lists every package the built program ships.</summary>
public sealed partial class ThirdPartyNoticesTests
{
    [Test]
    public void Notices_ListEveryPackageThatASourceOrCliProjectReferences()
    {
        var listed = ListedPackages();

        var referenced = ShippedProjects()
            .SelectMany(project => XDocument.Load(project).Descendants("PackageReference"))
            .Select(reference => (string)reference.Attribute("Include")!)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        Assert.That(referenced, Is.Not.Empty);
        Assert.That(referenced.Where(p => !listed.Contains(p)), Is.Empty, "packages missing from THIRD-PARTY-NOTICES.md");
    }

    [Test]
    public void Notices_ListEveryPackageInTheProgramsRestoredDependencies()
    {
        var assets = Directory.EnumerateFiles(RepositoryPaths.InRoot("tools", "Cli"), "project.assets.json", SearchOption.AllDirectories)
            .FirstOrDefault();
        if (assets is null)
        {
            Assert.Ignore("tools/Cli was restored outside the checkout (--artifacts-path); the direct references are still checked.");
        }

        using var json = JsonDocument.Parse(File.ReadAllText(assets));
        var packages = json.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(library => library.Value.GetProperty("type").GetString() == "package")
            .Select(library => library.Name.Split('/')[0])
            .ToList();

        Assert.That(packages, Is.Not.Empty);
        Assert.That(packages.Where(p => !ListedPackages().Contains(p)), Is.Empty, "packages missing from THIRD-PARTY-NOTICES.md");
    }

    [Test]
    public void ListedPackages_ReadsTheFirstColumnOfEveryTableRow()
    {
        var listed = ParseRows("| package | version |\n|---|---|\n| TorchSharp | 0.107.0 |\n| NUnit, NUnit3TestAdapter | MIT |\n");

        Assert.That(listed, Is.EquivalentTo(new[] { "TorchSharp", "NUnit", "NUnit3TestAdapter" }));
    }

    private static IEnumerable<string> ShippedProjects() =>
        Directory.EnumerateFiles(RepositoryPaths.InRoot("src"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(RepositoryPaths.InRoot("tools", "Cli"), "*.csproj"));

    private static HashSet<string> ListedPackages()
    {
        var text = File.ReadAllText(RepositoryPaths.InRoot("THIRD-PARTY-NOTICES.md"));
        var shipped = text[..text.IndexOf("## Packages used only to build", StringComparison.Ordinal)];
        return ParseRows(shipped);
    }

    // A table row's first cell names one package, or several separated by commas.
    private static HashSet<string> ParseRows(string markdown) =>
        TableRow().Matches(markdown)
            .SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Where(name => name is not "package" && !name.StartsWith("---", StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"^\|\s*([^|]+?)\s*\|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
