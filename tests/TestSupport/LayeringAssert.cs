using System.Reflection;
using System.Xml.Linq;

namespace Sasg.TestSupport;

/// <summary>Checks the design card's layering on both the compiled assembly and its project file.</summary>
public static class LayeringAssert
{
    /// <summary>Fails if <paramref name="assembly"/> or its project references any of <paramref name="forbidden"/>.</summary>
    /// <param name="assembly">The compiled assembly under test.</param>
    /// <param name="projectFile">Its project file, relative to the checkout root.</param>
    /// <param name="forbidden">Assembly or package names (prefix match, case-insensitive).</param>
    public static void ReferencesNoneOf(Assembly assembly, string projectFile, params string[] forbidden)
    {
        var compiled = assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty).ToList();
        var project = XDocument.Load(RepositoryPaths.InRoot(projectFile.Split('/')));
        var declared = project.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "Reference")
            .Select(e => Path.GetFileNameWithoutExtension((string?)e.Attribute("Include") ?? string.Empty))
            .ToList();

        using (Assert.EnterMultipleScope())
        {
            foreach (var name in forbidden)
            {
                Assert.That(
                    compiled,
                    Has.None.StartsWith(name).IgnoreCase,
                    $"{assembly.GetName().Name} must not reference {name} (compiled references)");
                Assert.That(
                    declared,
                    Has.None.StartsWith(name).IgnoreCase,
                    $"{projectFile} must not reference {name} (project file)");
            }
        }
    }
}
