using System.Net;

namespace PveCluster.Lifecycle;

/// <summary>
/// <c>pvecm updatecerts [--force]</c>: makes sure the CA, this node's certificate, the ticket keys and
/// the shared SSH files are in place. Renews the node certificate when forced, expired or not issued by the CA.
/// </summary>
public sealed class UpdateCertsExecutor(LifecycleContext context, TextWriter output)
{
    private readonly ProgressWriter _progress = new(output);

    public async Task RunAsync(bool force, CancellationToken cancellationToken)
    {
        var paths = context.Paths;
        var node = context.Host.NodeName;
        if (!Directory.Exists(paths.EtcPve))
        {
            throw new LifecycleException($"'{paths.EtcPve}' does not exist: is pmxcfs running?");
        }

        NodeDirectories.Ensure(paths, node);
        var certificates = new ClusterCertificates(paths, context.CaKeySize, _progress.Line);
        var now = context.Time.GetUtcNow();
        var resolved = context.Host.ResolveNodeAddress();
        using (var ca = certificates.EnsureCa(now))
        {
            List<IPAddress> addresses = IPAddress.TryParse(resolved, out var ip) ? [ip] : [];
            _progress.Line(certificates.EnsureNodeCertificate(ca, node, addresses, now, force));
        }

        certificates.EnsureTicketKeys();
        var ssh = new SshKeySetup(paths, context.Processes, _progress.Line);
        ssh.MergeAuthorizedKeys(await ssh.EnsureRootKeyAsync(cancellationToken).ConfigureAwait(false));
        _progress.Line($"merged SSH keys into {paths.ClusterAuthorizedKeys}");
        if (resolved is null)
        {
            _progress.Line($"warning: '{node}' does not resolve to an IP; known_hosts not updated");
        }
        else if (ssh.UpdateKnownHosts(node, resolved))
        {
            _progress.Line($"updated {paths.ClusterKnownHosts} for '{node}' ({resolved})");
        }

    }
}
