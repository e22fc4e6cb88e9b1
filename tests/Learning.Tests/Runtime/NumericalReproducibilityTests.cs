using Sasg.Learning.Runtime;

namespace Sasg.Learning.Tests.Runtime;

/// <summary>oneMKL's reproducibility mode is set before libtorch runs (the end-to-end check, separate processes giving
/// the same bits, is in Cli.Tests).</summary>
[NonParallelizable]
public sealed class NumericalReproducibilityTests
{
    [Test]
    public void LoadingSasgLearning_SetsOneMklsReproducibilityMode()
    {
        RuntimeHelpers();

        Assert.That(NumericalReproducibility.Current, Is.EqualTo(NumericalReproducibility.Value),
            "run the tests without MKL_CBWR set, or set it to AUTO,STRICT");
    }

    private static void RuntimeHelpers() => System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(
        typeof(NumericalReproducibility).Module.ModuleHandle);
}
