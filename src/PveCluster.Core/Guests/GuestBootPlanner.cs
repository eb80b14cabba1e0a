namespace PveCluster.Core.Guests;

/// <summary>One guest config of this node with what it says about boot.</summary>
public sealed record NodeGuest(uint VmId, GuestType Type, GuestBootSettings Settings);

/// <summary>A guest to start, and how long to pause after a successful start before the next one.</summary>
public sealed record GuestStart(uint VmId, GuestType Type, TimeSpan PauseAfter);

/// <summary>A guest to shut down, and how long its shutdown may take before it is stopped by force.</summary>
public sealed record GuestStop(uint VmId, GuestType Type, TimeSpan Timeout);

/// <summary>
/// Proxmox's boot and shutdown order (pve-manager's <c>startall</c>/<c>stopall</c>): start every guest with
/// <c>onboot</c> set in ascending <c>order</c>, equal orders by ascending id, guests without an order last; after a start
/// pause <c>up</c> seconds (a VM without <c>up</c> 3 s, to spread the load; a container none). Shut down every guest of
/// the node, onboot or not, in the reverse: descending order (guests without an order first), each order as one group
/// whose members stop side by side, each allowed <c>down</c> seconds (default 180 for a VM, 60 for a container).
/// Templates are never started or stopped.
/// </summary>
public static class GuestBootPlanner
{
    public static readonly TimeSpan DefaultVmPause = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan DefaultVmShutdownTimeout = TimeSpan.FromSeconds(180);
    public static readonly TimeSpan DefaultContainerShutdownTimeout = TimeSpan.FromSeconds(60);

    public static IReadOnlyList<GuestStart> StartSequence(IEnumerable<NodeGuest> guests)
    {
        ArgumentNullException.ThrowIfNull(guests);
        return [.. guests
            .Where(g => g.Settings.OnBoot && !g.Settings.IsTemplate)
            .OrderBy(Rank)
            .ThenBy(g => g.VmId)
            .Select(g => new GuestStart(g.VmId, g.Type, PauseAfterStart(g)))];
    }

    /// <summary>Groups in shutdown order; the guests of one group may stop at the same time.</summary>
    public static IReadOnlyList<IReadOnlyList<GuestStop>> StopGroups(IEnumerable<NodeGuest> guests)
    {
        ArgumentNullException.ThrowIfNull(guests);
        return [.. guests
            .Where(g => !g.Settings.IsTemplate)
            .GroupBy(Rank)
            .OrderByDescending(group => group.Key)
            .Select(group => (IReadOnlyList<GuestStop>)[.. group
                .OrderByDescending(g => g.VmId)
                .Select(g => new GuestStop(g.VmId, g.Type, ShutdownTimeout(g)))])];
    }

    private static ulong Rank(NodeGuest guest) => guest.Settings.Startup.Order ?? ulong.MaxValue;

    private static TimeSpan PauseAfterStart(NodeGuest guest) =>
        guest.Settings.Startup.Up is { } up ? Seconds(up) : guest.Type == GuestType.Qemu ? DefaultVmPause : TimeSpan.Zero;

    private static TimeSpan ShutdownTimeout(NodeGuest guest) =>
        guest.Settings.Startup.Down is { } down ? Seconds(down)
        : guest.Type == GuestType.Qemu ? DefaultVmShutdownTimeout : DefaultContainerShutdownTimeout;

    /// <summary>Seconds as written, capped where TimeSpan ends (a value that large means "for ever" anyway).</summary>
    private static TimeSpan Seconds(ulong seconds) =>
        seconds >= (ulong)TimeSpan.MaxValue.TotalSeconds ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);
}
