using System.Net;
using System.Net.Sockets;
using PveCluster.Lifecycle.Services;

namespace PveCluster.Lifecycle.Qdevice;

/// <summary>
/// The checks of <c>pvecm qdevice setup</c> that need the network, all run before anything changes:
/// the qnetd server listens and takes root's key over ssh (ssh-copy-id first, as Proxmox), its certutil is
/// installed, every node has corosync-qdevice and no stale certificate store (deleted only with --force).
/// Every problem is collected, so the admin sees them all at once.
/// </summary>
public sealed class QdevicePreflight(
    QdeviceMembers members, SecureShell qnetdShell, IProcessRunner processes, ClusterPaths paths, Action<string> progress)
{
    public const int QnetdPort = 5403;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyList<string>> CheckAsync(string qnetdHost, string? network, bool force, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (network is not null)
        {
            CheckNetwork(qnetdHost, network, problems);
        }

        if (!await ListensAsync(qnetdHost, cancellationToken).ConfigureAwait(false))
        {
            problems.Add($"corosync-qnetd does not answer on {qnetdHost}:{QnetdPort}: install and start corosync-qnetd on that server");
        }

        if (await EnsureSshLoginAsync(qnetdHost, cancellationToken).ConfigureAwait(false) is { } loginProblem)
        {
            problems.Add(loginProblem);
        }
        else
        {
            var certutil = await qnetdShell.RunAsync(qnetdHost, ["sh", "-c", "command -v corosync-qnetd-certutil"], cancellationToken)
                .ConfigureAwait(false);
            if (!certutil.Succeeded)
            {
                problems.Add($"{qnetdHost} has no corosync-qnetd-certutil: install the corosync-qnetd package there");
            }
        }

        foreach (var member in members.All)
        {
            var installed = await members.RunAsync(
                member, ["sh", "-c", "command -v corosync-qdevice && command -v corosync-qdevice-net-certutil"], cancellationToken)
                .ConfigureAwait(false);
            if (!installed.Succeeded)
            {
                problems.Add(installed.ExitCode == 255 && !member.IsLocal
                    ? $"node '{member.Name}' ({member.Address}) is not reachable over ssh: {installed.Describe()}"
                    : $"corosync-qdevice is not installed on node '{member.Name}': apt install corosync-qdevice");
                continue;
            }

            var store = await members.RunAsync(member, ["test", "-e", QdeviceMembers.StateDirectory + "/net/nssdb"], cancellationToken)
                .ConfigureAwait(false);
            if (store.Succeeded && !force)
            {
                problems.Add(
                    $"node '{member.Name}' already has a QDevice certificate store ({QdeviceMembers.StateDirectory}/net/nssdb): "
                    + "use --force to delete it");
            }
        }

        return problems;
    }

    private static void CheckNetwork(string qnetdHost, string network, List<string> problems)
    {
        if (!IPNetwork.TryParse(network, out var parsed))
        {
            problems.Add($"--network '{network}' is not a CIDR network (for example 192.0.2.0/24)");
        }
        else if (!IPAddress.TryParse(qnetdHost, out var address) || !parsed.Contains(address))
        {
            problems.Add($"the QDevice address {qnetdHost} is not in --network {network}");
        }
    }

    private static async Task<bool> ListensAsync(string host, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, QnetdPort, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// root@qnetd must accept this node's key. If it does not yet, ssh-copy-id installs it (it asks for the
    /// server's root password on the terminal, or through SSH_ASKPASS), exactly once.
    /// </summary>
    private async Task<string?> EnsureSshLoginAsync(string host, CancellationToken cancellationToken)
    {
        if ((await qnetdShell.RunAsync(host, ["true"], cancellationToken).ConfigureAwait(false)).Succeeded)
        {
            return null;
        }

        var key = Directory.Exists(paths.SshDir)
            ? Directory.EnumerateFiles(paths.SshDir, "id_*.pub").Order(StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (key is null)
        {
            return $"root has no SSH key in {paths.SshDir} to copy to {host} (run pvecm updatecerts)";
        }

        progress($"copying root's SSH key {key} to root@{host} (ssh-copy-id; it may ask for {host}'s root password)");
        var copy = await processes.RunAsync(
            "ssh-copy-id", ["-i", key, .. qnetdShell.HostKeyOptions, $"root@{host}"], cancellationToken).ConfigureAwait(false);
        if (!copy.Succeeded)
        {
            return $"cannot log in to root@{host} with ssh: ssh-copy-id failed: {copy.Describe()}";
        }

        return (await qnetdShell.RunAsync(host, ["true"], cancellationToken).ConfigureAwait(false)).Succeeded
            ? null
            : $"root@{host} still refuses root's SSH key after ssh-copy-id";
    }
}
