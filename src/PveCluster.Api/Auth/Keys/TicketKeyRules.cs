using PveCluster.Core.Auth;

namespace PveCluster.Api.Auth.Keys;

/// <summary>
/// Proxmox's rules for the ticket signing key (pve-access-control): a new key every 24 hours, taking effect
/// cluster-wide; the key it replaced stays as <c>authkey.pub.old</c> and still validates the tickets it signed
/// before the rotation until they expire (2 hours). The key's time is the modification time of <c>authkey.pub</c>.
/// </summary>
public static class TicketKeyRules
{
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(24);

    /// <summary>Clock difference between nodes tolerated around the rotation (the same 5 minutes tickets allow).</summary>
    public static readonly TimeSpan Grace = AuthTimestamp.MaxClockSkew;

    /// <summary>A key older than its lifetime, or dated in the future (a node's clock was wrong when it made it), is replaced.</summary>
    public static bool IsDue(DateTimeOffset keyCreated, DateTimeOffset now) =>
        now - keyCreated >= KeyLifetime || keyCreated > now + Grace;

    /// <summary>A ticket signed by the current key cannot be older than the key itself.</summary>
    public static bool FitsCurrentKey(DateTimeOffset issued, DateTimeOffset keyCreated) => issued >= keyCreated - Grace;

    /// <summary>The previous key signs nothing after the rotation: only tickets issued before it count.</summary>
    public static bool FitsPreviousKey(DateTimeOffset issued, DateTimeOffset rotated) => issued <= rotated + Grace;
}
