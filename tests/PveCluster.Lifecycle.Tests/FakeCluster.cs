using PveCluster.Core.Quorum;
using PveCluster.Lifecycle.Cluster;

namespace PveCluster.Lifecycle.Tests;

/// <summary>A canned corosync view plus a recording of what pvecm asked corosync to change.</summary>
public sealed class FakeCluster : IClusterConnection
{
    public FakeCluster(ClusterStatus status) => Status = status;

    public ClusterStatus Status { get; }

    public List<int> ExpectedVotesRequests { get; } = [];

    public Exception? SetExpectedFailure { get; init; }

    public bool Disposed { get; private set; }

    public Task<ClusterStatus> ReadStatusAsync(CancellationToken cancellationToken) => Task.FromResult(Status);

    public Task SetExpectedVotesAsync(int expectedVotes, CancellationToken cancellationToken)
    {
        ExpectedVotesRequests.Add(expectedVotes);
        return SetExpectedFailure is null ? Task.CompletedTask : Task.FromException(SetExpectedFailure);
    }

    public void Dispose() => Disposed = true;

    /// <summary>Cluster 'prod' with these members online (one vote each; the first is the local node).</summary>
    public static ClusterStatus Members(bool quorate, params uint[] members) => new(
        new ClusterInfo("prod", "1", "knet", "on"),
        new QuorumStatusSnapshot(
            DateTimeOffset.UtcNow, "corosync_votequorum", members.Length > 0 ? members[0] : 1, new RingId(1, 1), quorate,
            members.Length, members.Length, members.Length, members.Length / 2 + 1, quorate ? VotequorumFlags.Quorate : VotequorumFlags.None,
            null, [.. members.Select(id => new MemberStatus(id, 1, $"n{id}", $"192.0.2.{10 + id}"))]));

    public static readonly ClusterInfo LabCluster = new("labcluster", "1", "knet", "on");

    public static readonly DateTimeOffset When = new(2026, 11, 26, 6, 46, 26, TimeSpan.Zero);

    /// <summary>Node 1 of a healthy three-node lab cluster (captured from corosync-quorumtool -siH).</summary>
    public static ClusterStatus ThreeNodesQuorate() => new(
        LabCluster,
        new QuorumStatusSnapshot(
            When, "corosync_votequorum", 1, new RingId(1, 9), true, 3, 3, 3, 2, VotequorumFlags.Quorate, null,
            [
                new MemberStatus(1, 1, "n1", "198.18.0.1", VotequorumFlags.Quorate),
                new MemberStatus(2, 1, "n2", "198.18.0.2", VotequorumFlags.Quorate),
                new MemberStatus(3, 1, "n3", "198.18.0.3", VotequorumFlags.Quorate),
            ]));

    /// <summary>Node 3 cut off from the other two.</summary>
    public static ClusterStatus IsolatedNode3() => new(
        LabCluster,
        new QuorumStatusSnapshot(
            When, "corosync_votequorum", 3, new RingId(3, 0xd), false, 3, 3, 1, 2, VotequorumFlags.None, null,
            [new MemberStatus(3, 1, "n3", "198.18.0.3")]));

    /// <summary>Nodes 1+2 after node 3 was cut: two votes present.</summary>
    public static ClusterStatus TwoOfThree() => new(
        LabCluster,
        new QuorumStatusSnapshot(
            When, "corosync_votequorum", 1, new RingId(1, 0xd), true, 3, 3, 2, 2, VotequorumFlags.Quorate, null,
            [new MemberStatus(1, 1, "n1", "198.18.0.1"), new MemberStatus(2, 1, "n2", "198.18.0.2")]));
}
