using Microsoft.Extensions.Logging;
using PveCluster.Lab.Processes;
using PveCluster.Lab.State;

namespace PveCluster.Lab;

public sealed partial class LabCluster
{
    /// <summary>
    /// Removes the whole lab: recorded processes first (spawned daemons, then corosync), then every
    /// recorded resource in reverse creation order (host veths before their netns, synchronously),
    /// finally the state directory. Keeps going past individual failures and reports them at the end.
    /// </summary>
    public async Task DownAsync(CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        // Spawned daemons (pmxcfs, ...) first, while corosync still runs under them; each group in parallel.
        var processes = _state.Processes.ToList();
        foreach (var group in processes.GroupBy(p => string.Equals(p.Name, LabProcess.CorosyncName, StringComparison.Ordinal)).OrderBy(g => g.Key))
        {
            var stops = group.Select(async process =>
            {
                try
                {
                    await StopProcessAsync(process, "TERM", cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is LabException or IOException)
                {
                    lock (failures)
                    {
                        failures.Add($"stop {process.Name} on node {process.Node}: {e.Message}");
                    }
                }
            });
            await Task.WhenAll(stops).ConfigureAwait(false);
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
