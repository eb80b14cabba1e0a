using PveCluster.Core.Guests;

namespace PveCluster.Core.Tests.Guests;

public class GuestBootPlannerTests
{
    private static NodeGuest Guest(uint id, GuestType type, string config) => new(id, type, GuestConfigReader.Read(config));

    private static readonly NodeGuest[] Guests =
    [
        Guest(300, GuestType.Qemu, "onboot: 1\n"),
        Guest(104, GuestType.Lxc, "onboot: 1\nstartup: order=2\n"),
        Guest(101, GuestType.Qemu, "onboot: 1\nstartup: order=2,up=20,down=30\n"),
        Guest(200, GuestType.Lxc, "onboot: 1\nstartup: order=10\n"),
        Guest(150, GuestType.Qemu, "onboot: 1\nstartup: order=1,up=0\n"),
        Guest(120, GuestType.Lxc, "onboot: 1\n"),
        Guest(110, GuestType.Qemu, "startup: order=1\n"),
        Guest(130, GuestType.Qemu, "onboot: 1\ntemplate: 1\nstartup: order=1\n"),
    ];

    [Fact]
    public void Starts_onboot_guests_by_ascending_order_then_id_those_without_order_last()
    {
        var sequence = GuestBootPlanner.StartSequence(Guests);

        Assert.Equal([150u, 101, 104, 200, 120, 300], sequence.Select(s => s.VmId));
    }

    [Fact]
    public void Pause_after_a_start_is_up_else_three_seconds_for_a_vm_and_none_for_a_container()
    {
        var pauses = GuestBootPlanner.StartSequence(Guests).ToDictionary(s => s.VmId, s => s.PauseAfter);

        Assert.Equal(TimeSpan.Zero, pauses[150]);
        Assert.Equal(TimeSpan.FromSeconds(20), pauses[101]);
        Assert.Equal(TimeSpan.Zero, pauses[104]);
        Assert.Equal(TimeSpan.FromSeconds(3), pauses[300]);
    }

    [Fact]
    public void Stops_every_guest_but_templates_in_reverse_order_groups()
    {
        var groups = GuestBootPlanner.StopGroups(Guests);

        Assert.Equal(
            [[300u, 120], [200], [104, 101], [150, 110]],
            groups.Select(g => g.Select(s => s.VmId).ToArray()).ToArray());
    }

    [Fact]
    public void Shutdown_timeout_is_down_else_180_seconds_for_a_vm_and_60_for_a_container()
    {
        var timeouts = GuestBootPlanner.StopGroups(Guests).SelectMany(g => g).ToDictionary(s => s.VmId, s => s.Timeout);

        Assert.Equal(TimeSpan.FromSeconds(30), timeouts[101]);
        Assert.Equal(TimeSpan.FromSeconds(180), timeouts[300]);
        Assert.Equal(TimeSpan.FromSeconds(60), timeouts[104]);
    }

    [Fact]
    public void A_huge_delay_does_not_overflow()
    {
        var start = Assert.Single(GuestBootPlanner.StartSequence([Guest(100, GuestType.Lxc, "onboot: 1\nstartup: up=18446744073709551615\n")]));

        Assert.Equal(TimeSpan.MaxValue, start.PauseAfter);
    }
}
