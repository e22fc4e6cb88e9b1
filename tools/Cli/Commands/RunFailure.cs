using Sasg.Experiments.Driver;
using Sasg.Experiments.Results;

namespace Sasg.Cli.Commands;

/// <summary>What <c>sasg run</c> does when a run fails after its results folder was made ready: it keeps what was
/// computed (summary.json says "incomplete", where and why), removes its temporary files and says so in one line.</summary>
internal static class RunFailure
{
    /// <summary>Writes the partial results of the failed run into <paramref name="folder"/>, prints one line on
    /// <paramref name="error"/> (the whole error after it when <paramref name="verbose"/>) and returns the exit code: 2 for a
    /// full disk (the user's to fix), else 1.</summary>
    public static int Report(
        TextWriter error, RunFolder folder, RunCheckpoints checkpoints, RunRecorder recorder, RunTraces? traces, Exception failure, bool verbose)
    {
        var diskFull = DiskFull.Caused(failure);
        var message = FailureReport.OneLine(failure);
        var where = recorder.Failure is { } failed
            ? $"{failed.Label} failed at iteration {failed.Iteration}"
            : "the run finished but its results could not be written";
        var cause = diskFull ? $"the disk is full ({message})" : message;
        KeepTraces(traces, diskFull);
        string kept;
        try
        {
            checkpoints.Write($"{where}: {cause}");
            kept = recorder.Failure is { } f
                ? $"partial results (iterations before {f.Iteration}) are in {folder.Directory}"
                : $"partial results are in {folder.Directory}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            kept = $"the partial results could not be written to {folder.Directory} either ({FailureReport.FirstLine(ex.Message)})";
        }

        try
        {
            folder.CleanTemporaryFiles();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            kept += $"; its temporary files could not be removed ({FailureReport.FirstLine(ex.Message)})";
        }

        error.WriteLine(diskFull
            ? $"sasg: the disk is full ({message}): {where}; {kept}; free some space and run again"
            : $"sasg: {where}: {message}; {kept}");
        if (verbose)
        {
            error.WriteLine(failure.ToString());
        }

        // A full disk is for the user to fix, as an unwritable folder is: exit 2, the same as when the folder is made ready.
        return diskFull ? ExitCodes.BadInput : ExitCodes.InternalError;
    }

    // The traces up to the failure are kept, unless the disk is full: they are what fills it, and deleting their parts
    // makes room for the metrics and decisions.
    private static void KeepTraces(RunTraces? traces, bool diskFull)
    {
        if (traces is null || traces.IsClosed)
        {
            return;
        }

        if (diskFull)
        {
            traces.Dispose();
            return;
        }

        try
        {
            traces.Complete();
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            // Complete deleted the parts; the folder keeps no trace rather than a broken one.
        }
    }
}
