namespace Sasg.Experiments.Fidelity;

/// <summary>The size class of an iteration, by its largest upload: the fidelity targets apply to <see cref="Large"/>.</summary>
public enum PayloadClass
{
    /// <summary>Largest upload below 32 KiB (32,768 B): fixed per-message costs dominate.</summary>
    Small,

    /// <summary>Largest upload from 32 KiB up to 160 KiB.</summary>
    Medium,

    /// <summary>Largest upload of at least 160 KiB (163,840 B): the targets' class.</summary>
    Large,
}
