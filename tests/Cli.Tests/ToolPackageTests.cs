using System.Xml.Linq;
using Sasg.TestSupport;

namespace Sasg.Cli.Tests;

/// <summary><c>dotnet pack tools/Cli</c> makes the <c>sasg</c> .NET tool; tools/scripts/check-tool.sh (run by CI) packs,
/// installs and runs it, and these checks catch a project file that would no longer make it.</summary>
public sealed class ToolPackageTests
{
    [Test]
    public void CliProject_PacksAsTheSasgTool()
    {
        var project = XDocument.Load(RepositoryPaths.InRoot("tools", "Cli", "Cli.csproj"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Property(project, "IsPackable"), Is.EqualTo("true"));
            Assert.That(Property(project, "PackAsTool"), Is.EqualTo("true"));
            Assert.That(Property(project, "ToolCommandName"), Is.EqualTo("sasg"));
            Assert.That(Property(project, "PackageId"), Is.EqualTo("sasg"));
        }
    }

    [Test]
    public void CliProject_PublishesTheShippedUciSetsBesideTheProgram()
    {
        var project = XDocument.Load(RepositoryPaths.InRoot("tools", "Cli", "Cli.csproj"));

        var data = project.Descendants("None").Single(e => ((string?)e.Attribute("Include"))?.Contains("data/lag-uci", StringComparison.Ordinal) == true);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)data.Attribute("Link"), Does.StartWith("data/lag-uci/"));
            Assert.That((string?)data.Attribute("CopyToPublishDirectory"), Is.EqualTo("PreserveNewest"));
        }
    }

    [Test]
    public void CiScript_ChecksTheTool()
    {
        Assert.That(File.ReadAllText(RepositoryPaths.InRoot(".ci", "run")), Does.Contain("bash tools/scripts/check-tool.sh"));
    }

    [Test]
    public void Readme_InstallsTheToolOfThisVersion_NotWhateverASourceServesUnderItsName()
    {
        var version = Property(XDocument.Load(RepositoryPaths.InRoot("Directory.Build.props")), "Version");

        Assert.That(
            File.ReadAllText(RepositoryPaths.InRoot("README.md")),
            Does.Contain($"dotnet tool install --global sasg --version {version} --add-source artifacts/tool"));
    }

    private static string? Property(XDocument project, string name) =>
        project.Descendants(name).Select(e => e.Value).SingleOrDefault();
}
