namespace Sasg.Cli;

/// <summary>The exit codes of the sasg program, each documented once here and in docs/cli.md ("Exit codes").</summary>
/// <remarks>A test keeps this list, docs/cli.md, the README and the <c>--help</c> texts in step.</remarks>
internal static class ExitCodes
{
    /// <summary>0: the command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>1: a bug or an unexpected failure inside Sasg (a native error); the one-line message
    /// says what happened. <c>sweep --wait</c> also exits 1 when some cells did not finish.</summary>
    public const int InternalError = 1;

    /// <summary>2: bad input, or a machine problem only the user can fix: a broken scenario, results folder or command
    /// line, a missing file or dataset, an impossible parameter, an unwritable results folder, a full disk; one line per
    /// problem names the file, the field and the fix.</summary>
    public const int BadInput = 2;

    /// <summary>3: <c>validate-network</c> cannot emulate a network on this machine (not root, no network
    /// namespaces, missing tools); one line says why.</summary>
    public const int CannotEmulate = 3;

    /// <summary>4: <c>validate-network --check-target</c>: some large-payload configuration missed the fidelity
    /// target.</summary>
    public const int TargetMissed = 4;

    /// <summary>5: <c>validate-network --check-target</c>: the target was met, but a deliberately wrong model
    /// (payload-only, links 10 % slow, or twice the latency) met it too in every configuration, so the gate could not
    /// tell a wrong model apart.</summary>
    public const int WrongModelNotRejected = 5;

    /// <summary>Every code with its meaning, in order, as docs/cli.md and <c>sasg --help</c> give them.</summary>
    public static IReadOnlyList<(int Code, string Meaning)> All { get; } =
    [
        (Ok, "ok"),
        (InternalError, "internal error"),
        (BadInput, "bad input"),
        (CannotEmulate, "validate-network cannot emulate here"),
        (TargetMissed, "validate-network --check-target missed the target"),
        (WrongModelNotRejected, "validate-network --check-target did not reject a wrong model"),
    ];
}
