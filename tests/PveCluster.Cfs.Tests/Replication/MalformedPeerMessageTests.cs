using PveCluster.Cfs.Replication;
using PveCluster.Cfs.Replication.Messages;
using PveCluster.Cfs.Tree;
using Xunit.Abstractions;

namespace PveCluster.Cfs.Tests.Replication;

/// <summary>What a member does with a message from a peer that does not decode, or that decodes but names nonsense.</summary>
public sealed class MalformedPeerMessageTests(ITestOutputHelper output)
{
    public static TheoryData<byte[]> Garbage() =>
    [
        [],
        [MessageCodec.FormatVersion],
        [MessageCodec.FormatVersion, 99],
        [2, 1, 0, 0],
        [MessageCodec.FormatVersion, 1, 1, 2, 3],
        // A normal message whose path length claims far more bytes than follow.
        [MessageCodec.FormatVersion, 1, .. new byte[16], 1, 0xFF, 0xFF, 0xFF, 0x7F, (byte)'/'],
        // A state message whose entry count claims more entries than the bytes can hold.
        [MessageCodec.FormatVersion, 3, .. new byte[16], .. new byte[20], 0xFF, 0xFF, 0xFF, 0xFF],
    ];

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Undecodable_bytes_are_dropped_and_every_member_stays_synced_and_writable(byte[] payload)
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 11, output);

        cluster.Simulator.Send(cluster[2].Group, payload);
        await cluster.RunAsync();

        Assert.All(cluster.Nodes, n => Assert.Equal(SyncMode.Synced, n.Tree.Mode));
        var create = cluster[1].Create("/after-garbage.cfg");
        await cluster.RunAsync();
        Assert.Equal(CfsError.None, await create);
        cluster.AssertConverged();
    }

    [Theory]
    [InlineData("")]
    [InlineData("relative/path")]
    [InlineData("/a/../priv/authkey.key")]
    [InlineData("/x\0y")]
    [InlineData("//")]
    public async Task A_well_formed_operation_on_a_bad_path_is_refused_the_same_way_everywhere(string path)
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 12, output);

        var hostile = new NormalMessage(777, 1_750_000_000, new CreateFileOperation(path, 1_750_000_000));
        cluster.Simulator.Send(cluster[3].Group, MessageCodec.Encode(hostile));
        await cluster.RunAsync();

        Assert.All(cluster.Nodes, n => Assert.Equal(SyncMode.Synced, n.Tree.Mode));
        cluster.AssertConverged();
        var create = cluster[2].Create("/still-writable.cfg");
        await cluster.RunAsync();
        Assert.Equal(CfsError.None, await create);
    }
}
