namespace PveCluster.Guests.Tests;

public sealed class GuestStarterTests : IDisposable
{
    private readonly GuestNode _node = new();

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task Starts_onboot_guests_in_startup_order_pausing_up_seconds_after_each()
    {
        _node.AddGuest("qemu-server", 100, "onboot: 1\nstartup: order=2,up=5\n");
        _node.AddGuest("lxc", 200, "onboot: 1\nstartup: order=1,up=7\n");
        _node.AddGuest("qemu-server", 300, "onboot: 1\n");
        _node.AddGuest("qemu-server", 400, "startup: order=1\n");

        var exit = await _node.RunAdvancingAsync(() => _node.Starter().StartAllAsync(TimeSpan.FromMinutes(1), CancellationToken.None));

        Assert.Equal(GuestsExitCodes.Ok, exit);
        var starts = _node.Calls.Select(c => c.Split(' ')).ToList();
        Assert.Equal(["pct:200", "qm:100", "qm:300"], starts.Select(c => $"{c[0]}:{c[2]}"));
        var seconds = starts.Select(c => long.Parse(c[3][1..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(seconds[1] - seconds[0] >= 7, $"container 200 has up=7: {string.Join(", ", _node.Calls)}");
        Assert.True(seconds[2] - seconds[1] >= 5, $"VM 100 has up=5: {string.Join(", ", _node.Calls)}");
    }

    [Fact]
    public async Task Waits_for_quorum_before_the_first_start()
    {
        _node.AddGuest("lxc", 200, "onboot: 1\n");
        _node.SetQuorate(false);

        var exit = await _node.RunAdvancingAsync(
            () => _node.Starter().StartAllAsync(TimeSpan.FromMinutes(1), CancellationToken.None),
            elapsed =>
            {
                if (elapsed == TimeSpan.FromSeconds(10))
                {
                    Assert.Empty(_node.Calls);
                    _node.SetQuorate(true);
                }
            });

        Assert.Equal(GuestsExitCodes.Ok, exit);
        var start = Assert.Single(_node.Calls).Split(' ');
        Assert.Equal("pct start 200", string.Join(' ', start[..3]));
        Assert.True(long.Parse(start[3][1..], System.Globalization.CultureInfo.InvariantCulture) >= 10, string.Join(' ', start));
        Assert.Contains(_node.Logged, l => l.StartsWith("Information: waiting for quorum (up to 60 s)", StringComparison.Ordinal));
        Assert.Contains(_node.Logged, l => l.StartsWith("Information: got quorum after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_quorum_in_time_no_guest_starts_and_the_log_says_why()
    {
        _node.AddGuest("lxc", 200, "onboot: 1\n");
        _node.SetQuorate(false);

        var exit = await _node.RunAdvancingAsync(() => _node.Starter().StartAllAsync(TimeSpan.FromSeconds(30), CancellationToken.None));

        Assert.Equal(GuestsExitCodes.NoQuorum, exit);
        Assert.Empty(_node.Calls);
        Assert.Contains(_node.Logged, l => l.StartsWith("Error: no quorum after 30 s (cluster not quorate): not starting any guest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_cluster_guests_start_at_once()
    {
        File.WriteAllText(_node.Pve.MembersFile, """{"nodename":"n1","version":1}""");
        _node.AddGuest("lxc", 200, "onboot: 1\n");

        var exit = await _node.Starter().StartAllAsync(TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(GuestsExitCodes.Ok, exit);
        Assert.Single(_node.Calls);
    }

    [Fact]
    public async Task A_failing_guest_is_logged_and_the_next_one_still_starts_without_a_pause_for_running_ones()
    {
        _node.AddGuest("qemu-server", 100, "onboot: 1\nstartup: order=1\n");
        _node.AddGuest("lxc", 200, "onboot: 1\nstartup: order=2,up=600\n");
        _node.AddGuest("lxc", 300, "onboot: 1\nstartup: order=3\n");
        _node.Failing.Add("qm:100");
        _node.Running.Add("pct:200");

        var exit = await _node.Starter().StartAllAsync(TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(GuestsExitCodes.SomeGuestsFailed, exit);
        Assert.Equal(["qm start 100 @0", "pct start 300 @0"], _node.Calls);
        Assert.Contains(_node.Logged, l => l.StartsWith("Error: starting VM 100 failed: 'qm start 100' failed: qm:100: no such storage", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Losing_quorum_stops_the_run()
    {
        _node.AddGuest("lxc", 200, "onboot: 1\nstartup: order=1,up=5\n");
        _node.AddGuest("lxc", 300, "onboot: 1\nstartup: order=2\n");

        _node.Started = guest => _node.SetQuorate(false);

        var exit = await _node.RunAdvancingAsync(() => _node.Starter().StartAllAsync(TimeSpan.Zero, CancellationToken.None));

        Assert.Equal(GuestsExitCodes.NoQuorum, exit);
        Assert.Equal(["pct start 200 @0"], _node.Calls);
        Assert.Contains(_node.Logged, l => l.StartsWith("Error: lost quorum: not starting guest 300", StringComparison.Ordinal));
    }
}
