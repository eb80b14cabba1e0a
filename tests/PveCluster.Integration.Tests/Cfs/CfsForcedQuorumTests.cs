using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Cfs;

/// <summary>
/// The admin guide's "Write Configuration When Not Quorate": <c>pvecm expected 1</c> on a node cut
/// off alone makes its <c>/etc/pve</c> writable again, while the majority keeps working.
/// </summary>
public sealed class CfsForcedQuorumTests : IClassFixture<CfsLabFixture>, IDisposable
{
    private const int Isolated = 1;
    private static readonly int[] AllNodes = [1, 2, 3];
    private static readonly int[] Majority = [2, 3];

    private readonly PmxcfsCluster _cluster;
    private readonly LabCluster _lab;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));

    public CfsForcedQuorumTests(CfsLabFixture fixture)
    {
        _cluster = fixture.Cluster;
        _lab = _cluster.Lab;
    }

    private CancellationToken Token => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [CfsFact]
    public async Task Pvecm_expected_1_makes_a_node_cut_off_alone_writable_while_the_majority_stays_writable()
    {
        var pvecm = LabRequirements.PublishedPvecm() ?? throw new InvalidOperationException(LabRequirements.MissingReason(needsPvecm: true));
        await _cluster.ShCheckedAsync(1, "mkdir /etc/pve/forced", Token);
        await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/forced", Token);

        await _lab.CutAsync(Isolated, link: null, drop: false, Token);
        try
        {
            await ClusterWait.ForMembershipAsync(_lab, Majority, members: 2, quorate: true, Token);
            await Polling.UntilAsync(ct => _cluster.MembersAsync(Isolated, ct), m => m is { Quorate: false },
                ClusterWait.ChangeTimeout, "n1 to see itself inquorate", Token);
            var refused = await _cluster.ShAsync(Isolated, "printf 'refused\\n' > /etc/pve/forced/refused", Token);
            Assert.False(refused.Succeeded, "a write on the isolated, inquorate n1 succeeded");
            Assert.Contains("Permission denied", refused.StandardError, StringComparison.Ordinal);

            var expected = await _lab.ExecAsync(Isolated, [pvecm, "expected", "1"], Token);
            Assert.True(expected.Succeeded, expected.StandardError);
            var forced = await Polling.UntilAsync(ct => _cluster.ShAsync(Isolated, "printf 'alone\\n' > /etc/pve/forced/from-n1", ct),
                r => r.Succeeded, ClusterWait.ChangeTimeout, "a write on n1 to succeed after pvecm expected 1", Token);
            Assert.True(forced.Succeeded);
            Assert.Equal("alone\n", await _cluster.ShCheckedAsync(Isolated, "cat /etc/pve/forced/from-n1", Token));

            await _cluster.ShCheckedAsync(2, "printf 'majority\\n' > /etc/pve/forced/from-n2", Token);
            await _cluster.WaitIdenticalAsync(Majority, "/etc/pve/forced", Token);
            Assert.False((await _cluster.ShAsync(2, "test -e /etc/pve/forced/from-n1", Token)).Succeeded, "the majority saw n1's write during the split");
        }
        finally
        {
            await _lab.HealAsync(Isolated, link: null, CancellationToken.None);
        }

        // An admin-forced split brain: after the heal one side's tree is adopted whole, the other's writes are gone.
        await ClusterWait.ForWholeClusterAsync(_lab, Token);
        var tree = await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/forced", Token);
        var survivors = tree.Entries.Where(e => e is "f ./from-n1" or "f ./from-n2").ToList();
        Assert.Single(survivors);
        await _cluster.WaitReadyAsync(Isolated, Token);
        await _cluster.ShCheckedAsync(Isolated, "printf 'healed\\n' > /etc/pve/forced/after-heal", Token);
    }
}
