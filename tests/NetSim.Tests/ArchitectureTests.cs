using Sasg.NetSim.Kernel;
using Sasg.TestSupport;

namespace Sasg.NetSim.Tests;

public sealed class ArchitectureTests
{
    [Test]
    public void NetSim_ReferencesNoLearningAndNoTorchSharp()
    {
        var assembly = typeof(SimTime).Assembly;

        LayeringAssert.ReferencesNoneOf(
            assembly, "src/NetSim/NetSim.csproj", "TorchSharp", "libtorch", "Sasg.Learning", "Learning", "MathNet");
    }

    [Test]
    public void NetSim_ReferencesNoExperiments()
    {
        var assembly = typeof(SimTime).Assembly;

        LayeringAssert.ReferencesNoneOf(assembly, "src/NetSim/NetSim.csproj", "Sasg.Experiments", "Experiments");
    }
}
