using PveCluster.Integration.Tests.Cfs;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;
using PveCluster.Lab.Quorum;

namespace PveCluster.Integration.Tests.Qdevice;

/// <summary>
/// Four nodes + a QDevice (ffsplit) against the lab's real corosync-qnetd: a 2/2 split leaves exactly one half
/// quorate (qnetd's decision) and that half's /etc/pve writable, the other half read-only; the heal brings all
/// four back to quorum with identical trees that hold the winning half's write.
/// </summary>
public sealed class FourNodeQdeviceTests(FourNodeQdeviceLabFixture fixture) : IClassFixture<FourNodeQdeviceLabFixture>, IDisposable
{
    private static readonly int[] AllNodes = [1, 2, 3, 4];
    private static readonly int[] Left = [1, 2];
    private static readonly int[] Right = [3, 4];

    /// <summary>The membership change, qnetd dropping the other half's view and its decision, on a loaded 2-core machine.</summary>
    private static readonly TimeSpan SplitDecisionTimeout = TimeSpan.FromSeconds(120);

    private readonly QdeviceLab _qdevice = new(fixture.Lab);
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(8));

    private CancellationToken Token => _timeout.Token;

    private LabCluster Lab => _qdevice.Lab;

    public void Dispose() => _timeout.Dispose();

    [PvecmFact]
    public async Task A_two_two_split_leaves_exactly_one_half_quorate_and_writable_and_the_heal_makes_the_trees_equal()
    {
        var setup = await _qdevice.PvecmQdeviceAsync(Token, "setup", _qdevice.QnetdAddress);
        Assert.True(setup.Succeeded, setup.StandardOutput + setup.StandardError);
        Assert.Contains("algorithm ffsplit", setup.StandardOutput, StringComparison.Ordinal);
        await _qdevice.WaitForAsync(AllNodes, v => v is { Quorate: true, NodeCount: 4, TotalVotes: 5, ExpectedVotes: 5 } && v.Qdevice is { Votes: 1 },
            "4 nodes + the QDevice vote", Token);

        int[] winners;
        int[] losers;
        await _qdevice.SplitAsync(Left, Right, Token);
        try
        {
            var views = await Polling.UntilAsync(
                ct => ClusterWait.ViewsAsync(Lab, AllNodes, ct), SplitDecided, SplitDecisionTimeout,
                "the 2/2 split to leave exactly one half quorate with the QDevice vote", Token);
            winners = views[0]!.Quorate ? Left : Right;
            losers = winners == Left ? Right : Left;

            foreach (var node in winners)
            {
                await Polling.UntilAsync(ct => _qdevice.WritableAsync(node, ct), writable => writable, QdeviceLab.DecisionTimeout,
                    $"n{node} (in the half with the QDevice vote) to accept writes to /etc/pve", Token);
            }
            foreach (var node in losers)
            {
                Assert.False(await _qdevice.WritableAsync(node, Token), $"n{node} (in the half without the QDevice vote) accepted a write to /etc/pve");
            }

            // The losing half stays inquorate and read-only while the winners keep writing.
            Assert.All(await ClusterWait.ViewsAsync(Lab, losers, Token), v => Assert.False(v?.Quorate ?? true, v?.ToString()));
            Assert.All(await ClusterWait.ViewsAsync(Lab, winners, Token), v => Assert.True(v?.Quorate ?? false, v?.ToString()));
        }
        finally
        {
            await _qdevice.HealSplitAsync(Left, CancellationToken.None);
        }

        await _qdevice.WaitForAsync(AllNodes, v => v is { Quorate: true, NodeCount: 4, TotalVotes: 5 }, "healed: 4 nodes + the QDevice vote", Token);
        await new PmxcfsCluster(Lab).WaitIdenticalAsync(AllNodes, PmxcfsCluster.MountPoint, Token);
        var probe = (await _qdevice.ShAsync(losers[0], "cat /etc/pve/qdevice-probe", Token)).StandardOutput.Trim();
        Assert.Equal($"n{winners[^1]}", probe);
        foreach (var node in AllNodes)
        {
            await Polling.UntilAsync(ct => _qdevice.WritableAsync(node, ct), writable => writable, QdeviceLab.DecisionTimeout,
                $"n{node} to accept writes after the heal", Token);
        }

        var remove = await _qdevice.PvecmQdeviceAsync(Token, "remove");
        Assert.True(remove.Succeeded, remove.StandardOutput + remove.StandardError);
        await _qdevice.WaitForAsync(AllNodes, v => v is { Quorate: true, TotalVotes: 4, ExpectedVotes: 4, Qdevice: null }, "plain 4 votes", Token);
        await _qdevice.ShAsync(1, "rm -f /etc/pve/qdevice-probe", Token);
    }

    /// <summary>Every node sees its own half only; one half is quorate with the QDevice's vote (3 of 5), the other is not.</summary>
    private static bool SplitDecided(IReadOnlyList<QuorumToolStatus?> views)
    {
        if (views.Any(v => v is not { NodeCount: 2 }))
        {
            return false;
        }

        bool Quorate(int index) => views[index] is { Quorate: true, TotalVotes: 3 } v && v.Qdevice is { Votes: 1 };
        bool Inquorate(int index) => views[index] is { Quorate: false, TotalVotes: 2 };
        return (Quorate(0) && Quorate(1) && Inquorate(2) && Inquorate(3)) || (Inquorate(0) && Inquorate(1) && Quorate(2) && Quorate(3));
    }
}
