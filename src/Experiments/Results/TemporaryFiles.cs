using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Sasg.Experiments.Results;

/// <summary>Finds and deletes the temporary files Sasg leaves in a results folder when a run is killed or fails: an
/// atomic write's <c>&lt;file&gt;.tmp-&lt;pid&gt;</c> and the trace parts <c>trace.part&lt;n&gt;.csv.tmp-&lt;pid&gt;</c>
/// and <c>.json.tmp-&lt;pid&gt;</c>, and the decision spools <c>decisions-&lt;n&gt;.spool.tmp-&lt;pid&gt;</c>.</summary>
/// <remarks>A file is deleted only when its name is one Sasg writes and the process that wrote it is gone (or is this
/// process, when asked): a run still writing the folder keeps its files. Symbolic links are never followed.</remarks>
internal static partial class TemporaryFiles
{
    // A process that started this long after a file was last written cannot have written it (its id was reused).
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(2);

    /// <summary>Deletes the stale temporary files in <paramref name="directory"/> and its plots/ folder; with
    /// <paramref name="includeOwn"/> also this process's. Returns how many it deleted.</summary>
    public static int Clean(string directory, bool includeOwn)
    {
        var deleted = 0;
        foreach (var (folder, plots) in new[] { (directory, false), (Path.Combine(directory, "plots"), true) })
        {
            var info = new DirectoryInfo(folder);
            if (!info.Exists || info.LinkTarget is not null)
            {
                continue;
            }

            foreach (var file in info.EnumerateFiles("*.tmp-*"))
            {
                if (file.LinkTarget is null && IsStale(file, plots, includeOwn))
                {
                    file.Delete();
                    deleted++;
                }
            }
        }

        return deleted;
    }

    private static bool IsStale(FileInfo file, bool plots, bool includeOwn)
    {
        var match = TemporaryName().Match(file.Name);
        if (!match.Success || !int.TryParse(match.Groups["pid"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        var target = match.Groups["file"].Value;
        var ours = plots
            ? FolderManifest.IsPlot("plots/" + target)
            : FolderManifest.IsSasgFile(target) || target == FolderManifest.FileName || TracePart().IsMatch(target) || DecisionSpool().IsMatch(target);
        if (!ours)
        {
            return false;
        }

        return pid == Environment.ProcessId ? includeOwn : !Alive(pid, file.LastWriteTimeUtc);
    }

    // Whether process `pid` is running and old enough to have written a file last written at `written`.
    private static bool Alive(int pid, DateTime written)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && process.StartTime.ToUniversalTime() <= written + ClockSlack;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not allowed to look at it: it exists, so leave its files alone.
            return true;
        }
    }

    [GeneratedRegex(@"^(?<file>.+)\.tmp-(?<pid>[0-9]{1,10})$", RegexOptions.CultureInvariant)]
    private static partial Regex TemporaryName();

    [GeneratedRegex(@"^trace\.part[0-9]{1,9}\.(csv|json)$", RegexOptions.CultureInvariant)]
    private static partial Regex TracePart();

    // A method's decision spool (RunRecorder).
    [GeneratedRegex(@"^decisions-[0-9]{1,9}\.spool$", RegexOptions.CultureInvariant)]
    private static partial Regex DecisionSpool();
}
