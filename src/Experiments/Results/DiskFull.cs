namespace Sasg.Experiments.Results;

/// <summary>Tells a full disk (or an exhausted quota) from other input/output errors, so that it can be reported as
/// such rather than as a failure of Sasg.</summary>
public static class DiskFull
{
    // errno on Linux (ENOSPC, EDQUOT), which .NET puts in IOException.HResult; the Win32 codes on Windows
    // (ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL).
    private static readonly int[] Codes = [28, 122, unchecked((int)0x80070027), unchecked((int)0x80070070)];

    /// <summary>Whether <paramref name="error"/>, or an exception inside it, says that the disk or quota is full.</summary>
    public static bool Caused(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is IOException io && (Codes.Contains(io.HResult)
                || io.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase)
                || io.Message.Contains("Disk quota exceeded", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(Caused))
            {
                return true;
            }
        }

        return false;
    }
}
