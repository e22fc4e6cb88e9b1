using Sasg.Learning.Data;
using Sasg.TestSupport;

namespace Sasg.Learning.Tests;

public sealed class ArchitectureTests
{
    [Test]
    public void Learning_ReferencesNothingOfNetSimOrExperiments()
    {
        var assembly = typeof(DatasetLocator).Assembly;

        LayeringAssert.ReferencesNoneOf(
            assembly, "src/Learning/Learning.csproj", "Sasg.NetSim", "NetSim", "Sasg.Experiments", "Experiments");
    }
}
