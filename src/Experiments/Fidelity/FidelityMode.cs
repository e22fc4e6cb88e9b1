namespace Sasg.Experiments.Fidelity;

/// <summary>How the emulated server takes an iteration's uploads.</summary>
public enum FidelityMode
{
    /// <summary>The server sends every worker its command at once; all upload concurrently (TCP shares the server link).</summary>
    Push,

    /// <summary>The server asks one uploading worker at a time, the next when the previous upload's last byte is in.</summary>
    Pull,
}
