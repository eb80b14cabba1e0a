using Microsoft.Extensions.Logging;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Services;
using PveCluster.Lab.State;

namespace PveCluster.Lab;

public sealed partial class LabCluster
{
    /// <summary>Environment variable through which pvecm starts and stops node services.</summary>
    public const string ServiceControlVariable = "PVE_SERVICE_CONTROL";

    /// <summary>The node's service records as the host sees them.</summary>
    private ServiceRunDirectory ServiceDirectory(int node) =>
        new(Path.Combine(_paths.NodeBindSource(node, NodeBind.Run), Path.GetFileName(ServiceRunDirectory.InNode)));

    /// <summary>The running process of a node service (corosync, pve-cluster, pvedaemon, pveproxy, sshd), or null.</summary>
    public LabProcess? ServiceProcess(int node, string service) => ServiceDirectory(CheckNode(node)).Find(node, service);

    /// <summary>Output log of a node service, as seen from the host.</summary>
    public string ServiceLogPath(int node, string service) => ServiceDirectory(CheckNode(node)).Log(service);

    /// <summary>
    /// Starts a node service exactly as pvecm does: through the node's PVE_SERVICE_CONTROL, inside the
    /// node. Returns once the service serves; throws <see cref="LabException"/> with the reason otherwise.
    /// </summary>
    public async Task StartServiceAsync(int node, string service, CancellationToken cancellationToken)
    {
        await ControlServiceAsync(node, "start", service, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops a node service through its PVE_SERVICE_CONTROL.</summary>
    public async Task StopServiceAsync(int node, string service, CancellationToken cancellationToken)
    {
        await ControlServiceAsync(node, "stop", service, cancellationToken).ConfigureAwait(false);
    }

    private async Task ControlServiceAsync(int node, string action, string service, CancellationToken cancellationToken)
    {
        var result = await ExecAsync(node, [ServiceRunDirectory.ControlScript, action, service], cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var reason = result.StandardError.Trim().Split('\n').LastOrDefault(l => l.Length > 0) ?? $"exit {result.ExitCode}";
            throw new LabException($"node {node}: {action} {service} failed: {reason}");
        }
    }

    /// <summary>Writes the node's PVE_SERVICE_CONTROL script into its private /run.</summary>
    private async Task WriteServiceControlAsync(int node, CancellationToken cancellationToken)
    {
        var directory = ServiceDirectory(node).Path;
        Directory.CreateDirectory(directory);
        var script = Path.Combine(directory, Path.GetFileName(ServiceRunDirectory.ControlScript));
        await File.WriteAllTextAsync(script, ServiceControlScript.Render(ArtifactsDirectory), cancellationToken).ConfigureAwait(false);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    /// <summary>Live node services of every node (teardown stops them in reverse start order).</summary>
    private IEnumerable<LabProcess> ServiceProcesses() =>
        Hosts.SelectMany(node => ServiceNames.All.Select(service => ServiceDirectory(node).Find(node, service)))
            .OfType<LabProcess>();

    private bool HasPublished(string program) =>
        !string.IsNullOrEmpty(ArtifactsDirectory) && File.Exists(Path.Combine(ArtifactsDirectory, program));

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _bootProblems = new();

    /// <summary>
    /// Why a node service was not started at boot (the lab stays up without it). Tests that need the
    /// service name these in their failure, since they usually run the lab with a null logger.
    /// </summary>
    public IReadOnlyCollection<string> BootProblems => _bootProblems;

    private void LogServiceSkipped(string service, string reason)
    {
        _bootProblems.Enqueue($"{service} not started: {reason}");
        _logger.LogWarning("{Service} not started: {Reason}", service, reason);
    }
}
