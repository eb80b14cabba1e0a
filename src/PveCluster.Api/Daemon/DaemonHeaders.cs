namespace PveCluster.Api.Daemon;

/// <summary>
/// What pveproxy tells pvedaemon about a forwarded call. pvedaemon believes these only because the connection comes
/// from root or www-data (<see cref="PeerPolicy"/>); they are never read from the network.
/// </summary>
public static class DaemonHeaders
{
    /// <summary>The user pveproxy authenticated (ticket checked, CSRF checked for writes).</summary>
    public const string User = "X-PVE-Authenticated-User";

    /// <summary>The Unix socket pvedaemon serves on; its directory is root:www-data 0750, the socket 0660.</summary>
    public const string DefaultSocket = "/run/pvedaemon/pvedaemon.sock";
}
