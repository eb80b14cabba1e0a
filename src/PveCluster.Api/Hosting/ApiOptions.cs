using System.Net;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Hosting;

/// <summary>Everything pveproxy and pvedaemon need to know at start; set from their command lines.</summary>
public sealed record ApiOptions
{
    public const int DefaultPort = 8006;

    public IPAddress Listen { get; init; } = IPAddress.IPv6Any;

    /// <summary>0 picks a free port (tests); the bound port is then reported by <see cref="ApiServer.BoundPort"/>.</summary>
    public int Port { get; init; } = DefaultPort;

    public string PveDir { get; init; } = "/etc/pve";

    public string Node { get; init; } = LocalNodeName.Get();

    /// <summary>corosync-qdevice's control socket (GET /cluster/config/qdevice).</summary>
    public string QdeviceSocket { get; init; } = Cluster.QdeviceStatusSocket.DefaultPath;

    public string TaskDir { get; init; } = "/var/log/pve/tasks";

    /// <summary>PAM service name; see <c>pam/pve-api</c> for why it is not <c>login</c>.</summary>
    public string PamService { get; init; } = "pve-api";

    /// <summary>
    /// Users allowed to log in. There are no ACLs yet, so every logged-in user may do everything;
    /// the list keeps that to the administrators.
    /// </summary>
    public IReadOnlyList<UserId> AllowedUsers { get; init; } = [UserId.Parse("root@pam")];

    /// <summary>pvedaemon's Unix socket, where pveproxy forwards protected calls.</summary>
    public string DaemonSocket { get; init; } = Daemon.DaemonHeaders.DefaultSocket;

    public ApiLimits Limits { get; init; } = new();

    /// <summary>The published web GUI (index.html and its assets), served at <c>/</c>.</summary>
    public string GuiDir { get; init; } = Gui.GuiHosting.DefaultRoot;

    public Auth.Login.LoginPolicy Login { get; init; } = new();
}
