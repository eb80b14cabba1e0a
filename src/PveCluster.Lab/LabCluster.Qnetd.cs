using System.Net;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Services;

namespace PveCluster.Lab;

public sealed partial class LabCluster
{
    /// <summary>The qnetd host's address on link0 (what `pvecm qdevice setup` is given); null without <see cref="LabOptions.Qnetd"/>.</summary>
    public IPAddress? QnetdAddress => Options.Qnetd ? _addressing.Node(LabNames.QnetdHost, 0) : null;

    /// <summary>Starts corosync-qnetd on the qnetd host (after <see cref="StopQnetdAsync"/>); returns once it listens.</summary>
    public Task StartQnetdAsync(CancellationToken cancellationToken) =>
        StartServiceAsync(CheckNode(LabNames.QnetdHost), ServiceNames.CorosyncQnetd, cancellationToken);

    /// <summary>Stops corosync-qnetd on the qnetd host: the arbiter is gone, as when its server fails.</summary>
    public Task StopQnetdAsync(CancellationToken cancellationToken) =>
        StopServiceAsync(CheckNode(LabNames.QnetdHost), ServiceNames.CorosyncQnetd, cancellationToken);

    /// <summary>Boots the qnetd host like a server with the corosync-qnetd package installed: sshd, then qnetd.</summary>
    private async Task StartQnetdHostAsync(CancellationToken cancellationToken)
    {
        await StartServiceAsync(LabNames.QnetdHost, ServiceNames.Sshd, cancellationToken).ConfigureAwait(false);
        await StartQnetdAsync(cancellationToken).ConfigureAwait(false);
    }
}
