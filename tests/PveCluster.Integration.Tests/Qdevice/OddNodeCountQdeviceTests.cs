using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Qdevice;

/// <summary>
/// The admin guide's odd-node-count rule against a real qnetd: refused without --force (nothing changes),
/// with --force the lms algorithm and N-1 votes (and the guide's warning); remove restores the plain count.
/// </summary>
public sealed class OddNodeCountQdeviceTests(ThreeNodeQdeviceLabFixture fixture) : IClassFixture<ThreeNodeQdeviceLabFixture>, IDisposable
{
    private readonly QdeviceLab _qdevice = new(fixture.Lab);
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(4));

    private CancellationToken Token => _timeout.Token;

    private LabCluster Lab => _qdevice.Lab;

    public void Dispose() => _timeout.Dispose();

    [PvecmFact]
    public async Task Three_nodes_are_refused_without_force_and_get_lms_with_two_votes_with_it_and_remove_restores_three_votes()
    {
        var before = (await _qdevice.ShAsync(1, $"cat {QdeviceLab.ConfInPve}", Token)).StandardOutput;
        var refused = await _qdevice.PvecmQdeviceAsync(Token, "setup", _qdevice.QnetdAddress);
        Assert.False(refused.Succeeded, refused.StandardOutput);
        Assert.Contains("odd node count are not officially supported", refused.StandardOutput + refused.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, (await _qdevice.ShAsync(1, $"cat {QdeviceLab.ConfInPve}", Token)).StandardOutput);
        await _qdevice.AssertNoQdeviceStateAsync(Token);

        var forced = await _qdevice.PvecmQdeviceAsync(Token, "setup", _qdevice.QnetdAddress, "--force");
        Assert.True(forced.Succeeded, forced.StandardOutput + forced.StandardError);
        Assert.Contains("Odd node count: the QDevice gets 2 votes (lms)", forced.StandardOutput, StringComparison.Ordinal);
        var conf = (await _qdevice.ShAsync(3, "cat /etc/corosync/corosync.conf", Token)).StandardOutput;
        Assert.Contains("algorithm: lms", conf, StringComparison.Ordinal);
        await _qdevice.WaitForAsync(Lab.Nodes,
            v => v is { Quorate: true, ExpectedVotes: 5, TotalVotes: 5, Quorum: 3 } && v.Qdevice is { Votes: 2 }, "3 nodes + 2 lms votes", Token);

        var remove = await _qdevice.PvecmQdeviceAsync(Token, "remove");
        Assert.True(remove.Succeeded, remove.StandardOutput + remove.StandardError);
        await _qdevice.WaitForAsync(Lab.Nodes,
            v => v is { Quorate: true, ExpectedVotes: 3, TotalVotes: 3, Qdevice: null }, "plain 3 votes", Token);
        await _qdevice.AssertNoQdeviceStateAsync(Token);
    }
}
