using System.Diagnostics;
using System.Globalization;

namespace Sasg.Experiments.Sweeps;

/// <summary>Who holds a sweep lock: what it runs (<c>sweep</c>, <c>sweep run-cell</c>, ...), its process id, host,
/// when it took the lock and when its process started (which tells a reused process id from the owner).</summary>
internal sealed record SweepLockOwner(string Role, int ProcessId, string Host, DateTime SinceUtc, DateTime ProcessStartUtc)
{
    /// <summary>This process, taking a lock now as <paramref name="role"/>.</summary>
    public static SweepLockOwner Current(string role)
    {
        using var self = Process.GetCurrentProcess();
        return new SweepLockOwner(role, Environment.ProcessId, Environment.MachineName, DateTime.UtcNow, self.StartTime.ToUniversalTime());
    }

    /// <summary>The owner a lock file's line names, or null when it is not such a line (a lock being written).</summary>
    public static SweepLockOwner? Parse(string text)
    {
        var fields = text.TrimEnd('\n').Split('\t');
        return fields.Length == 5
            && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var since)
            && long.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && since <= DateTime.MaxValue.Ticks && start <= DateTime.MaxValue.Ticks
            ? new SweepLockOwner(fields[0], pid, fields[2], new DateTime(since, DateTimeKind.Utc), new DateTime(start, DateTimeKind.Utc))
            : null;
    }

    /// <summary>The one line a lock file holds (tab-separated; times as UTC ticks).</summary>
    public string ToLine() => string.Create(
        CultureInfo.InvariantCulture, $"{Role}\t{ProcessId}\t{Host}\t{SinceUtc.Ticks}\t{ProcessStartUtc.Ticks}\n");

    /// <summary>"sweep PID 1234 on host X since 2026-12-02 02:30:05 UTC".</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture, $"{Role} PID {ProcessId} on host {Host} since {SinceUtc:yyyy-MM-dd HH:mm:ss} UTC");

    /// <summary>Whether the owner is certainly gone: it ran on this host and its process id is free, or is now
    /// another process (one that started at another time). An owner on another host is never presumed gone.</summary>
    public bool IsGone()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            return process.HasExited || Math.Abs((process.StartTime.ToUniversalTime() - ProcessStartUtc).TotalSeconds) > 1;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Another user's process: alive, and perhaps the owner.
            return false;
        }
    }
}
