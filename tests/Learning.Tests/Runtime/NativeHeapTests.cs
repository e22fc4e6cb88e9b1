using Sasg.Learning.Runtime;

namespace Sasg.Learning.Tests.Runtime;

/// <summary>glibc's malloc thresholds are set when Sasg.Learning loads (the speed it buys is measured in
/// docs/benchmarks.md, not here).</summary>
public sealed class NativeHeapTests
{
    [Test]
    public void LoadingSasgLearning_OnLinux_SetsTheMallocThresholds()
    {
        Assume.That(OperatingSystem.IsLinux(), "glibc only");
        Assume.That(Environment.GetEnvironmentVariable("GLIBC_TUNABLES") ?? string.Empty, Does.Not.Contain("glibc.malloc."));
        Assume.That(Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_"), Is.Null);
        Assume.That(Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_"), Is.Null);
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(NativeHeap).Module.ModuleHandle);

        Assert.That(NativeHeap.Configured, Is.True, "mallopt refused the thresholds");
    }
}
