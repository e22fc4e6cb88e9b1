using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sasg.Learning.Runtime;

/// <summary>Makes libtorch's linear algebra give the same bits on every run of the same scenario.</summary>
/// <remarks>
/// libtorch's CPU build does its BLAS work in Intel oneMKL, whose kernels choose their code path by the alignment of
/// the data. TorchSharp wraps managed arrays (where the GC puts them) as tensors, so the same scenario could take a
/// different path, and round differently, from one run to the next: the default scenario gave four different
/// metrics.csv files in six runs. oneMKL's conditional numerical reproducibility setting <c>MKL_CBWR=AUTO,STRICT</c>
/// keeps the fastest code path for this processor but makes its results independent of alignment. oneMKL reads the
/// variable from the process environment when it first runs, so this sets it (with libc's <c>setenv</c>, which .NET's
/// own environment API does not call on Unix) as soon as this assembly is loaded, before any tensor exists. A value the
/// user has set is kept.
/// </remarks>
public static partial class NumericalReproducibility
{
    /// <summary>The oneMKL variable.</summary>
    public const string Variable = "MKL_CBWR";

    /// <summary>The value set when the user has not set one.</summary>
    public const string Value = "AUTO,STRICT";

    /// <summary>The value oneMKL will read: the user's, or <see cref="Value"/>.</summary>
    public static string? Current => Marshal.PtrToStringUTF8(GetEnvironment(Variable));

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "Usage", "CA2255", Justification = "oneMKL must see the variable before the first tensor; any Sasg.Learning type may come first.")]
    internal static void Initialize()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = SetEnvironment(Variable, Value, overwrite: 0);
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint GetEnvironment(string name);
}
