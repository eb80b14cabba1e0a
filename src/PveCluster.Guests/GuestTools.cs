using System.Globalization;
using PveCluster.Core.Guests;
using PveCluster.Lifecycle;
using PveCluster.Lifecycle.Services;

namespace PveCluster.Guests;

/// <summary>
/// The per-guest commands: Proxmox's <c>qm</c> for VMs and <c>pct</c> for containers, called as
/// <c>TOOL status|start ID</c> and <c>TOOL shutdown ID --timeout S --forceStop 1</c>. Other programs with the same
/// arguments can stand in (<c>--qm</c>, <c>--pct</c>).
/// </summary>
internal sealed class GuestTools(string qm, string pct, IProcessRunner processes)
{
    public string ToolFor(GuestType type) => type == GuestType.Qemu ? qm : pct;

    /// <summary>True when the tool reports <c>status: running</c>.</summary>
    /// <exception cref="LifecycleException">The tool cannot be run or fails.</exception>
    public async Task<bool> IsRunningAsync(uint vmid, GuestType type, CancellationToken cancellationToken)
    {
        var result = await RunAsync(type, ["status", Id(vmid)], cancellationToken).ConfigureAwait(false);
        return result.StandardOutput.Split('\n').Any(line => line.Trim() == "status: running");
    }

    /// <exception cref="LifecycleException">The tool cannot be run or fails.</exception>
    public Task StartAsync(uint vmid, GuestType type, CancellationToken cancellationToken) =>
        RunAsync(type, ["start", Id(vmid)], cancellationToken);

    /// <exception cref="LifecycleException">The tool cannot be run or fails.</exception>
    public Task ShutdownAsync(uint vmid, GuestType type, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAsync(type, ["shutdown", Id(vmid), "--timeout", ((long)Math.Min(timeout.TotalSeconds, int.MaxValue)).ToString(CultureInfo.InvariantCulture), "--forceStop", "1"],
            cancellationToken);

    private async Task<ProcessResult> RunAsync(GuestType type, string[] arguments, CancellationToken cancellationToken)
    {
        var tool = ToolFor(type);
        var result = await processes.RunAsync(tool, arguments, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new LifecycleException($"'{tool} {string.Join(' ', arguments)}' failed: {result.Describe()}");
        return result;
    }

    private static string Id(uint vmid) => vmid.ToString(CultureInfo.InvariantCulture);
}
