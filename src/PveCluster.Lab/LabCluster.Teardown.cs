using Microsoft.Extensions.Logging;
using PveCluster.Lab.Processes;
using PveCluster.Lab.State;

namespace PveCluster.Lab;

public sealed partial class LabCluster
{
    /// <summary>
    /// Removes the whole lab: spawned daemons first, then the node services in reverse start order
    /// (pveproxy, pvedaemon, pmxcfs, corosync, sshd), then whatever else still lives in a node's namespaces, then
    /// every recorded resource in reverse creation order (host veths before their netns, synchronously),
    /// finally the state directory. Keeps going past individual failures and reports them at the end.
    /// </summary>
    public async Task DownAsync(CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        async Task StopAllAsync(IEnumerable<LabProcess> processes)
        {
            await Task.WhenAll(processes.Select(async process =>
            {
                try
                {
                    await _stopper.StopAsync(process.Pid, process.Comm, "TERM", cancellationToken).ConfigureAwait(false);
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
        await StopAllAsync(_state.Processes.ToList()).ConfigureAwait(false);
        Record(state =>
        {
            state.Processes.Clear();
            return true;
        });
        foreach (var service in Services.ServiceNames.All.Reverse())
        {
            await StopAllAsync(ServiceProcesses().Where(p => p.Name == service).ToList()).ConfigureAwait(false);
        }
        try
        {
            await SweepNodesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (LabException e)
        {
            failures.Add(e.Message);
        }

        var resources = _state.Resources.AsEnumerable().Reverse().ToList();
        foreach (var resource in resources)
        {
            try
            {
                await RemoveAsync(resource, cancellationToken).ConfigureAwait(false);
                if (resource.Kind != LabResourceKind.Directory)
                {
                    Record(state => state.Resources.Remove(resource));
                }
            }
            catch (Exception e) when (e is LabException or IOException or UnauthorizedAccessException)
            {
                failures.Add($"{resource.Kind} {resource.Name}: {e.Message}");
            }
        }
        if (failures.Count > 0)
        {
            throw new LabException($"lab {Id}: teardown left things behind:\n  " + string.Join("\n  ", failures));
        }
        _logger.LogInformation("lab {Id} down", Id);
    }

    /// <summary>Ends every process still inside a node's network or mount namespace, started by the lab or not.</summary>
    private async Task SweepNodesAsync(CancellationToken cancellationToken)
    {
        var sweeper = new NamespaceSweeper(_runner, _logger);
        var inodes = new HashSet<ulong>();
        foreach (var node in Hosts)
        {
            foreach (var file in new[] { $"/run/netns/{_names.Netns(node)}", _paths.MountNamespace(node) })
            {
                // Only a namespace that is still there: an unmounted ns file is a plain empty file.
                if ((file.StartsWith("/run/netns/", StringComparison.Ordinal) || MountTable.IsMountPoint(file))
                    && await sweeper.InodeAsync(file, cancellationToken).ConfigureAwait(false) is { } inode)
                {
                    inodes.Add(inode);
                }
            }
        }
        await sweeper.SweepAsync(inodes, $"lab {Id}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tears down every lab found under <paramref name="baseDirectory"/>.</summary>
    public static async Task DownAllAsync(ILogger logger, CancellationToken cancellationToken, string baseDirectory = Naming.LabPaths.DefaultBaseDirectory)
    {
        foreach (var id in ListIds(baseDirectory))
        {
            await Open(id, logger, baseDirectory).DownAsync(cancellationToken).ConfigureAwait(false);
        }
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
                    await _runner.RunCheckedAsync(["ip", "link", "del", resource.Name], cancellationToken).ConfigureAwait(false);
                }
                break;
            case LabResourceKind.Netns:
                if (File.Exists($"/run/netns/{resource.Name}"))
                {
                    await _runner.RunCheckedAsync(["ip", "netns", "del", resource.Name], cancellationToken).ConfigureAwait(false);
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
        var result = await _runner.RunAsync(["umount", path], cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            _logger.LogWarning("umount {Path} failed ({Error}); detaching lazily", path, result.StandardError.Trim());
            await _runner.RunCheckedAsync(["umount", "-l", path], cancellationToken).ConfigureAwait(false);
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
