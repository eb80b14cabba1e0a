namespace PveCluster.Guests.Tests;

public sealed class GuestStopperTests : IDisposable
{
    private readonly GuestNode _node = new();

    public void Dispose() => _node.Dispose();

    [Fact]
    public async Task Shuts_down_running_guests_in_reverse_order_with_their_down_timeout()
    {
        _node.AddGuest("qemu-server", 100, "onboot: 1\nstartup: order=1,down=30\n");
        _node.AddGuest("lxc", 200, "startup: order=2\n");
        _node.AddGuest("qemu-server", 300, "onboot: 1\n");
        _node.AddGuest("lxc", 400, "onboot: 1\nstartup: order=3\n");
        _node.Running.UnionWith(["qm:100", "pct:200", "qm:300"]);

        var exit = await _node.Stopper().StopAllAsync(maxWorkers: 1, CancellationToken.None);

        Assert.Equal(GuestsExitCodes.Ok, exit);
        Assert.Equal(
            ["qm shutdown 300 --timeout 180 --forceStop 1 @0", "pct shutdown 200 --timeout 60 --forceStop 1 @0", "qm shutdown 100 --timeout 30 --forceStop 1 @0"],
            _node.Calls);
        Assert.Empty(_node.Running);
    }

    [Fact]
    public async Task A_failing_shutdown_does_not_keep_the_others_running()
    {
        _node.AddGuest("lxc", 200, "startup: order=2\n");
        _node.AddGuest("lxc", 201, "startup: order=2\n");
        _node.AddGuest("lxc", 100, "startup: order=1\n");
        _node.Running.UnionWith(["pct:200", "pct:201", "pct:100"]);
        _node.Failing.Add("pct:201");

        var exit = await _node.Stopper().StopAllAsync(maxWorkers: 2, CancellationToken.None);

        Assert.Equal(GuestsExitCodes.SomeGuestsFailed, exit);
        Assert.Equal(["pct:201"], _node.Running);
        Assert.Equal("pct shutdown 100 --timeout 60 --forceStop 1 @0", _node.Calls[^1]);
    }
}
