using Microsoft.Extensions.Logging;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Processes;
using PveCluster.Lab.Services;
using PveCluster.Lab.State;

namespace PveCluster.Lab.Cluster;

/// <summary>
/// Removes a whole lab: spawned daemons first, then the node services in reverse start order, then
/// whatever else still lives in a node's namespaces, then every recorded resource in reverse creation
/// order (host veths before their netns), finally the state directory. Keeps going past individual
/// failures and reports them at the end.
/// </summary>
internal sealed class LabTeardown(
    string id, LabTopology topology, LabPaths paths, LabStateJournal journal, NodeShell shell, NodeServices services,
    CommandRunner runner, ProcessStopper stopper, ILogger logger)
{
    public async Task DownAsync(CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        async Task StopAllAsync(IEnumerable<LabProcess> processes)
        {
            await Task.WhenAll(processes.Select(async process =>
            {
                try
                {
                    await stopper.StopAsync(process.Pid, process.Comm, "TERM", cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is LabException or IOException)
                {
                    lock (failures)
                    {
                        failures.Add($"stop {process.Name} on node {process.Node}: {e.Message}");
                    }
                }
            })).ConfigureAwait(false);
        }

        // Spawned daemons (a pmxcfs under test, delay holders) first, while corosync still runs under them.
        await StopAllAsync(journal.State.Processes.ToList()).ConfigureAwait(false);
        journal.Record(state =>
        {
            state.Processes.Clear();
            return true;
        });
        foreach (var service in ServiceNames.All.Reverse())
        {
            await StopAllAsync(services.Running().Where(p => p.Name == service).ToList()).ConfigureAwait(false);
        }
        try
        {
            await SweepNodesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (LabException e)
        {
            failures.Add(e.Message);
        }

        foreach (var resource in journal.State.Resources.AsEnumerable().Reverse().ToList())
        {
            try
            {
                await RemoveAsync(resource, cancellationToken).ConfigureAwait(false);
                if (resource.Kind != LabResourceKind.Directory)
                {
                    journal.Record(state => state.Resources.Remove(resource));
                }
            }
            catch (Exception e) when (e is LabException or IOException or UnauthorizedAccessException)
            {
                failures.Add($"{resource.Kind} {resource.Name}: {e.Message}");
            }
        }
        if (failures.Count > 0)
        {
            throw new LabException($"lab {id}: teardown left things behind:\n  " + string.Join("\n  ", failures));
        }
        logger.LogInformation("lab {Id} down", id);
    }

    /// <summary>Ends every process still inside a node's network or mount namespace, started by the lab or not.</summary>
    private async Task SweepNodesAsync(CancellationToken cancellationToken)
    {
        var sweeper = new NamespaceSweeper(runner, logger);
        var inodes = new HashSet<ulong>();
        foreach (var node in topology.Hosts)
        {
            var netns = shell.NetnsPath(node);
            foreach (var file in new[] { netns, paths.MountNamespace(node) })
            {
                // Only a namespace that is still there: an unmounted ns file is a plain empty file.
                if ((file == netns || MountTable.IsMountPoint(file))
                    && await sweeper.InodeAsync(file, cancellationToken).ConfigureAwait(false) is { } inode)
                {
                    inodes.Add(inode);
                }
            }
        }
        await sweeper.SweepAsync(inodes, $"lab {id}", cancellationToken).ConfigureAwait(false);
    }

    private async Task RemoveAsync(LabResource resource, CancellationToken cancellationToken)
    {
        switch (resource.Kind)
        {
            case LabResourceKind.NamespaceFile:
            case LabResourceKind.HostMount:
                await UnmountAsync(resource.Name, cancellationToken).ConfigureAwait(false);
                break;
            case LabResourceKind.Veth:
            case LabResourceKind.Bridge:
                if (Directory.Exists($"/sys/class/net/{resource.Name}"))
                {
                    await runner.RunCheckedAsync(["ip", "link", "del", resource.Name], cancellationToken).ConfigureAwait(false);
                }
                break;
            case LabResourceKind.Netns:
                if (File.Exists($"/run/netns/{resource.Name}"))
                {
                    await runner.RunCheckedAsync(["ip", "netns", "del", resource.Name], cancellationToken).ConfigureAwait(false);
                }
                break;
            case LabResourceKind.SubnetClaim:
                File.Delete(resource.Name);
                break;
            case LabResourceKind.Directory:
                RemoveDirectory(resource.Name);
                break;
            default:
                throw new LabException($"unknown resource kind {resource.Kind}");
        }
    }

    private async Task UnmountAsync(string path, CancellationToken cancellationToken)
    {
        if (!MountTable.IsMountPoint(path))
        {
            return;
        }
        var result = await runner.RunAsync(["umount", path], cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            logger.LogWarning("umount {Path} failed ({Error}); detaching lazily", path, result.StandardError.Trim());
            await runner.RunCheckedAsync(["umount", "-l", path], cancellationToken).ConfigureAwait(false);
        }
    }

    private static void RemoveDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }
        // Never recurse into something still mounted: that would delete another file system's files.
        var mounted = MountTable.MountPointsBelow(path);
        if (mounted.Count > 0)
        {
            throw new LabException($"not removing {path}: still mounted below it: {string.Join(", ", mounted)}");
        }
        Directory.Delete(path, recursive: true);
    }
}
