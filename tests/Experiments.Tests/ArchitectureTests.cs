using System.Xml.Linq;
using Sasg.TestSupport;

namespace Sasg.Experiments.Tests;

public sealed class ArchitectureTests
{
    [Test]
    public void Experiments_IsTheOneSourceProjectThatSeesBothNetSimAndLearning()
    {
        var referencing = new List<string>();
        foreach (var project in Directory.GetFiles(RepositoryPaths.InRoot("src"), "*.csproj", SearchOption.AllDirectories))
        {
            var references = XDocument.Load(project).Descendants()
                .Where(e => e.Name.LocalName == "ProjectReference")
                .Select(e => Path.GetFileNameWithoutExtension((string?)e.Attribute("Include")))
                .ToHashSet();
            if (references.Contains("NetSim") && references.Contains("Learning"))
            {
                referencing.Add(Path.GetFileNameWithoutExtension(project));
            }
        }

        Assert.That(referencing, Is.EqualTo(new[] { "Experiments" }));
    }
}
