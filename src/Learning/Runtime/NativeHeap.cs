using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sasg.Learning.Runtime;

/// <summary>Keeps glibc's heap from giving the memory of freed tensors back to the system after every training step,
/// only to fault it in again, page by page, in the next one.</summary>
/// <remarks>
/// libtorch allocates its CPU tensors with <c>malloc</c>. By default glibc serves blocks above a threshold that it
/// adjusts as it goes (128 KiB at first) with fresh <c>mmap</c>s, and returns the free top of its heap to the system
/// once it exceeds twice that threshold. A training step of a convolutional network frees megabytes of activations and
/// allocates them again in the next step, so each step touched its memory anew: on this project's 2-core virtual
/// machine a ResNet-20 step at batch 32 took 2,000 to 15,000 minor page faults, from a third to half of the step's CPU
/// time under load (docs/benchmarks.md, "ResNet worker step beside PyTorch"). This sets, as soon as this assembly is
/// loaded, the mmap threshold to glibc's largest dynamic value (32 MiB) and the trim threshold to 1 GiB, so that freed
/// blocks are reused: the same step then takes about 100 faults. It changes where memory comes from, not any value
/// computed, and the process keeps up to 1 GiB of freed heap instead of returning it at once.
/// <para>It does nothing off Linux, nor when the user has set glibc's malloc parameters in the environment
/// (<c>GLIBC_TUNABLES</c> with a <c>glibc.malloc.</c> entry, or <c>MALLOC_TRIM_THRESHOLD_</c> or
/// <c>MALLOC_MMAP_THRESHOLD_</c>), which it leaves in force; nor on a C library without <c>mallopt</c>.</para>
/// </remarks>
public static partial class NativeHeap
{
    /// <summary>The mmap threshold set: 32 MiB, the largest that glibc's own adjustment reaches on 64-bit systems.
    /// </summary>
    public const int MmapThreshold = 32 * 1024 * 1024;

    /// <summary>The trim threshold set: 1 GiB of free memory at the top of the heap is kept for reuse.</summary>
    public const int TrimThreshold = 1024 * 1024 * 1024;

    // glibc's malloc.h.
    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;

    /// <summary>Whether this process runs with the thresholds above (false off Linux, when the user set glibc's
    /// malloc parameters, or when the C library refused them).</summary>
    public static bool Configured { get; private set; }

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "Usage", "CA2255", Justification = "The heap must be set before the first tensor; any Sasg.Learning type may come first.")]
    internal static void Initialize()
    {
        if (!OperatingSystem.IsLinux() || UserSetMalloc())
        {
            return;
        }

        try
        {
            Configured = SetOption(MMmapThreshold, MmapThreshold) == 1 && SetOption(MTrimThreshold, TrimThreshold) == 1;
        }
        catch (EntryPointNotFoundException)
        {
        }
        catch (DllNotFoundException)
        {
        }
    }

    private static bool UserSetMalloc() =>
        (Environment.GetEnvironmentVariable("GLIBC_TUNABLES")?.Contains("glibc.malloc.", StringComparison.Ordinal) ?? false)
        || Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") is not null
        || Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null;

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int SetOption(int parameter, int value);
}
