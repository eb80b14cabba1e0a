using Microsoft.Extensions.Logging;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Services;

namespace PveCluster.Lab.Cluster;

/// <summary>
/// Boots every node like a Proxmox VE host: sshd; corosync unless standalone; then, when the
/// published binaries exist, pmxcfs (local mode without a cluster), the node certificates,
/// pvedaemon and pveproxy. sshd and corosync must come up; a failing pmxcfs or API is reported and the
/// lab stays up without it (the corosync-level lab is still useful).
/// </summary>
internal sealed class LabBoot(
    LabOptions options, LabTopology topology, NodeShell shell, NodeServices services, LabStatusReader status, LabArtifacts artifacts,
    ILogger logger)
{
    private const string ClusterCaInNode = "/etc/pve/pve-root-ca.pem";

    // Generous: corosync's first membership on a loaded 2-core machine.
    private static readonly TimeSpan QuorumTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CaReplicationTimeout = TimeSpan.FromSeconds(60);

    public async Task StartNodesAsync(CancellationToken cancellationToken)
    {
        foreach (var node in topology.Nodes)
        {
            await services.StartAsync(node, ServiceNames.Sshd, cancellationToken).ConfigureAwait(false);
        }
        if (options.Qnetd)
        {
            // Like a server with the corosync-qnetd package installed: sshd, then qnetd.
            await services.StartAsync(LabNames.QnetdHost, ServiceNames.Sshd, cancellationToken).ConfigureAwait(false);
            await services.StartAsync(LabNames.QnetdHost, ServiceNames.CorosyncQnetd, cancellationToken).ConfigureAwait(false);
        }
        if (!options.Standalone)
        {
            foreach (var node in topology.Nodes)
            {
                await services.StartCorosyncAsync(node, cancellationToken).ConfigureAwait(false);
            }
        }
        if (!options.StartPveServices)
        {
            return;
        }
        if (!artifacts.HasPublished("pmxcfs"))
        {
            LogSkipped(ServiceNames.PveCluster, $"no pmxcfs in the artifacts directory ({artifacts.Directory ?? "none"}); run scripts/build.sh");
            return;
        }
        if (options.Standalone)
        {
            // Independent hosts: boot them side by side (certificate generation dominates), but no more at once
            // than there are cores: five JIT-started API daemons on a 2-core machine miss their start deadline.
            using var slots = new SemaphoreSlim(Math.Max(2, Environment.ProcessorCount));
            await Task.WhenAll(topology.Nodes.Select(async node =>
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await BootPveServicesAsync(node, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            })).ConfigureAwait(false);
            return;
        }
        // pmxcfs accepts writes (base directories, certificates) only once its node is quorate.
        await WaitForQuorumAsync(cancellationToken).ConfigureAwait(false);
        // One cluster: pmxcfs everywhere first, because pmxcfs acknowledges a write only once a
        // quorum of pmxcfs members holds it; then node 1 creates the CA, the others wait for it
        // to replicate.
        var serving = new List<int>();
        foreach (var node in topology.Nodes)
        {
            if (await StartPmxcfsAsync(node, cancellationToken).ConfigureAwait(false))
            {
                serving.Add(node);
            }
        }
        foreach (var node in serving)
        {
            await BootCertificatesAndApiAsync(node, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>pmxcfs, certificates, pvedaemon and pveproxy on one node; a failure is logged (not thrown) and ends the node's boot.</summary>
    private async Task BootPveServicesAsync(int node, CancellationToken cancellationToken)
    {
        if (await StartPmxcfsAsync(node, cancellationToken).ConfigureAwait(false))
        {
            await BootCertificatesAndApiAsync(node, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts pmxcfs on a node; false (logged) when it does not come up.</summary>
    private async Task<bool> StartPmxcfsAsync(int node, CancellationToken cancellationToken)
    {
        try
        {
            await services.StartAsync(node, ServiceNames.PveCluster, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (LabException e)
        {
            LogSkipped($"{ServiceNames.PveCluster} on node {node}", e.Message);
            return false;
        }
    }

    /// <summary>Certificates, pvedaemon and pveproxy on a node whose pmxcfs runs; a failure is logged (not thrown) and ends the node's boot.</summary>
    private async Task BootCertificatesAndApiAsync(int node, CancellationToken cancellationToken)
    {
        var step = "corosync.conf in /etc/pve";
        try
        {
            if (!options.Standalone && node == 1)
            {
                await PublishClusterConfAsync(cancellationToken).ConfigureAwait(false);
            }
            step = "certificates";
            await EnsureCertificatesAsync(node, cancellationToken).ConfigureAwait(false);
            foreach (var service in new[] { ServiceNames.PveDaemon, ServiceNames.PveProxy })
            {
                step = service;
                if (!artifacts.HasPublished(service))
                {
                    LogSkipped(step, $"no {service} in the artifacts directory ({artifacts.Directory})");
                    return;
                }
                await services.StartAsync(node, service, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (LabException e)
        {
            LogSkipped($"{step} on node {node}", e.Message);
        }
    }

    /// <summary>
    /// A cluster keeps its corosync.conf in /etc/pve (pvecm create puts it there; pmxcfs hands it to every
    /// node). The lab wrote the nodes' copies itself, so it puts the same text into the cluster file system
    /// once, unless something is already there.
    /// </summary>
    private async Task PublishClusterConfAsync(CancellationToken cancellationToken)
    {
        const string script = "[ -e /etc/pve/corosync.conf ] || cp /etc/corosync/corosync.conf /etc/pve/corosync.conf";
        var result = await shell.ExecAsync(1, ["sh", "-c", script], cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new LabException($"cannot put corosync.conf into /etc/pve on node 1: {result.StandardError.Trim()}");
        }
    }

    private async Task WaitForQuorumAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Polling.UntilAsync(
                async ct =>
                {
                    var views = new List<Quorum.QuorumToolStatus?>();
                    foreach (var node in topology.Nodes)
                    {
                        views.Add(await status.QuorumStatusAsync(node, ct).ConfigureAwait(false));
                    }
                    return views;
                },
                views => views.All(v => v is { Quorate: true }),
                QuorumTimeout, "every node quorate", cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new LabException(e.Message, e);
        }
    }

    /// <summary>
    /// The cluster CA and the node certificate pveproxy serves: `pvecm updatecerts` when the published
    /// pvecm has it (as on a real host, where pve-cluster's start runs it), else `pvedaemon setup-certs`.
    /// In a cluster, every node after the first waits for the replicated CA, so that one CA signs all.
    /// </summary>
    private async Task EnsureCertificatesAsync(int node, CancellationToken cancellationToken)
    {
        if (!options.Standalone && node > 1)
        {
            await WaitForFileAsync(node, ClusterCaInNode, cancellationToken).ConfigureAwait(false);
        }
        IReadOnlyList<string> command;
        if (await PvecmHasAsync(node, "updatecerts", cancellationToken).ConfigureAwait(false))
        {
            command = ["pvecm", "updatecerts"];
        }
        else if (artifacts.HasPublished(ServiceNames.PveDaemon))
        {
            command = [ServiceNames.PveDaemon, "setup-certs"];
        }
        else
        {
            throw new LabException("neither `pvecm updatecerts` nor `pvedaemon setup-certs` is published");
        }
        var result = await shell.ExecAsync(node, command, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new LabException($"node {node}: {string.Join(' ', command)} failed: {result.StandardError.Trim()}");
        }
        logger.LogInformation("node {Node}: certificates ready ({Command})", node, string.Join(' ', command));
    }

    private async Task WaitForFileAsync(int node, string path, CancellationToken cancellationToken)
    {
        try
        {
            await Polling.UntilAsync(
                async ct => (await shell.ExecAsync(node, ["test", "-e", path], ct).ConfigureAwait(false)).Succeeded,
                exists => exists, CaReplicationTimeout, $"{path} on node {node}", cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new LabException(e.Message, e);
        }
    }

    /// <summary>Whether the published pvecm offers <paramref name="subcommand"/> (the CLI grows while the lab runs).</summary>
    private async Task<bool> PvecmHasAsync(int node, string subcommand, CancellationToken cancellationToken)
    {
        if (!artifacts.HasPublished("pvecm"))
        {
            return false;
        }
        var help = await shell.ExecAsync(node, ["pvecm", "--help"], cancellationToken).ConfigureAwait(false);
        return help.StandardOutput.Split('\n').Any(line => line.TrimStart().StartsWith(subcommand + " ", StringComparison.Ordinal));
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _problems = new();

    /// <summary>Why a node service was not started (the lab stays up without it).</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    private void LogSkipped(string service, string reason)
    {
        _problems.Enqueue($"{service} not started: {reason}");
        logger.LogWarning("{Service} not started: {Reason}", service, reason);
    }
}
