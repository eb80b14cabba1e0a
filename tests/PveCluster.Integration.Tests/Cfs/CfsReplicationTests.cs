using System.Security.Cryptography;
using System.Text.Json;

namespace PveCluster.Integration.Tests.Cfs;

/// <summary>pmxcfs on three healthy nodes: what one node writes, every node reads; concurrent writers converge.</summary>
public sealed class CfsReplicationTests : IClassFixture<CfsLabFixture>, IDisposable
{
    private const int LimitBytes = 1024 * 1024;
    private static readonly int[] AllNodes = [1, 2, 3];

    private readonly PmxcfsCluster _cluster;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    public CfsReplicationTests(CfsLabFixture fixture)
    {
        _cluster = fixture.Cluster;
    }

    private CancellationToken Token => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [CfsFact]
    public async Task Text_binary_and_limit_sized_files_written_on_one_node_read_back_byte_for_byte_on_every_node()
    {
        var inputs = new Dictionary<string, byte[]>
        {
            ["text.cfg"] = "key: value\nsecond line with ümlaut\n"u8.ToArray(),
            ["binary.bin"] = [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 256))],
            ["limit-minus-one.bin"] = RandomNumberGenerator.GetBytes(LimitBytes - 1),
        };
        var handIn = Path.Combine(_cluster.PrivateRoot(1), "rw-in");
        Directory.CreateDirectory(handIn);
        foreach (var (name, bytes) in inputs)
        {
            await File.WriteAllBytesAsync(Path.Combine(handIn, name), bytes, Token);
        }

        await _cluster.ShCheckedAsync(1, "mkdir /etc/pve/rw && cp /root/rw-in/* /etc/pve/rw/", Token);

        var tree = await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/rw", Token);
        Assert.Equal(inputs.Keys.Select(n => "f ./" + n).Order(StringComparer.Ordinal), tree.Entries.Order(StringComparer.Ordinal));
        foreach (var node in AllNodes)
        {
            await _cluster.ShCheckedAsync(node, "rm -rf /root/rw-out && mkdir /root/rw-out && cp /etc/pve/rw/* /root/rw-out/", Token);
            foreach (var (name, bytes) in inputs)
            {
                var read = await File.ReadAllBytesAsync(Path.Combine(_cluster.PrivateRoot(node), "rw-out", name), Token);
                Assert.True(bytes.AsSpan().SequenceEqual(read), $"n{node}: {name} differs ({read.Length} bytes read, {bytes.Length} written)");
            }
        }
    }

    [CfsFact]
    public async Task A_node_that_read_a_file_sees_a_same_size_overwrite_from_another_node_at_once()
    {
        // Same length and (very likely) the same mtime second: only a cache that asks pmxcfs again
        // on every open notices the change. n1 reads first so that its kernel holds the old pages.
        Assert.Equal("version-1", await _cluster.ShCheckedAsync(1, "printf 'version-1' > /etc/pve/cached && cat /etc/pve/cached", Token));
        await Lab.Polling.UntilAsync(ct => _cluster.ShAsync(2, "cat /etc/pve/cached", ct), r => r.StandardOutput == "version-1",
            PmxcfsCluster.ConvergeTimeout, "n2 to read version-1", Token);
        await _cluster.ShCheckedAsync(2, "printf 'version-2' > /etc/pve/cached", Token);
        // n3 never read the file. n1 gets the same ordered delivery, so once n3 serves the new content
        // (and a process start later) only a stale cache can still show n1 the old one.
        await Lab.Polling.UntilAsync(ct => _cluster.ShAsync(3, "cat /etc/pve/cached", ct), r => r.StandardOutput == "version-2",
            PmxcfsCluster.ConvergeTimeout, "n3 to read version-2", Token);
        Assert.Equal("version-2", await _cluster.ShCheckedAsync(1, "cat /etc/pve/cached", Token));
    }

    [CfsFact]
    public async Task A_write_past_one_mebibyte_fails_with_EFBIG_and_no_node_ever_holds_more_than_the_limit()
    {
        await File.WriteAllBytesAsync(Path.Combine(_cluster.PrivateRoot(1), "over.bin"), RandomNumberGenerator.GetBytes(LimitBytes + 1), Token);
        await _cluster.ShCheckedAsync(1, "mkdir /etc/pve/big && printf 'original\\n' > /etc/pve/big/keep", Token);

        // One byte at offset 1 MiB of an existing file: refused, the file keeps its content everywhere.
        var past = await _cluster.ShAsync(1, "dd if=/dev/zero of=/etc/pve/big/keep bs=1 count=1 seek=1048576 conv=notrunc", Token);
        Assert.False(past.Succeeded, "writing at offset 1 MiB succeeded");
        Assert.Contains("File too large", past.StandardError, StringComparison.Ordinal);

        // A new file of 1 MiB + 1: the kernel hands FUSE the data in chunks; the chunk that crosses the limit fails.
        var over = await _cluster.ShAsync(1, "cat /root/over.bin > /etc/pve/big/over", Token);
        Assert.False(over.Succeeded, "writing a 1 MiB + 1 file succeeded");
        Assert.Contains("File too large", over.StandardError, StringComparison.Ordinal);

        await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/big", Token);
        foreach (var node in AllNodes)
        {
            Assert.Equal("original\n", await _cluster.ShCheckedAsync(node, "cat /etc/pve/big/keep", Token));
            var sizes = await _cluster.ShCheckedAsync(node, "stat -c '%s %n' /etc/pve/big/*", Token);
            Assert.All(sizes.Split('\n', StringSplitOptions.RemoveEmptyEntries),
                line => Assert.True(long.Parse(line.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) <= LimitBytes, $"n{node}: {line}"));
        }
    }

    [CfsFact]
    public async Task Concurrent_writers_on_every_node_converge_to_identical_trees()
    {
        await _cluster.ShCheckedAsync(1, "mkdir /etc/pve/conc", Token);
        await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/conc", Token);

        // Own files, writes into shared files, and racing mkdir/rename of shared names on all nodes at once.
        // Own operations must succeed (counted); racing ones may lose (EEXIST, ENOENT) but must converge.
        const string Writer = """
            d=/etc/pve/conc; me=$1; failed=0
            mkdir $d/$me || failed=$((failed+1))
            i=0
            while [ $i -lt 20 ]; do
              i=$((i+1))
              printf "$me own $i" > $d/$me/f$i || failed=$((failed+1))
              mv $d/$me/f$i $d/$me/r$i || failed=$((failed+1))
              printf "$me shared $i" > $d/shared$((i % 3)) 2>/dev/null
              mkdir $d/dir$((i % 4)) 2>/dev/null
              printf "$me in dir $i" > $d/dir$((i % 4))/from-$me-$i || failed=$((failed+1))
              mv $d/shared$((i % 3)) $d/moved$((i % 3)) 2>/dev/null
            done
            echo "$failed"
            """;
        var runs = await Task.WhenAll(AllNodes.Select(node =>
            _cluster.Lab.ExecAsync(node, ["sh", "-c", Writer, "sh", PmxcfsCluster.NodeName(node)], Token)));
        foreach (var (run, node) in runs.Zip(AllNodes))
        {
            Assert.True(run.Succeeded && run.StandardOutput.Trim() == "0",
                $"n{node}: {run.StandardOutput.Trim()} of its own operations failed: {run.StandardError.Trim()}");
        }

        var tree = await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/conc", Token);
        var entries = tree.Entries.ToHashSet(StringComparer.Ordinal);
        foreach (var name in AllNodes.Select(PmxcfsCluster.NodeName))
        {
            for (var i = 1; i <= 20; i++)
            {
                Assert.Contains($"f ./{name}/r{i}", entries);
                Assert.DoesNotContain($"f ./{name}/f{i}", entries);
                Assert.Contains($"f ./dir{i % 4}/from-{name}-{i}", entries);
            }
        }
    }

    [CfsFact]
    public async Task A_lock_directory_created_on_every_node_at_once_is_won_by_exactly_one()
    {
        // priv/lock/<name> directories are the cluster-wide locks: mkdir must succeed on one node only.
        const string Contender = """
            mkdir -p /etc/pve/priv/lock 2>/dev/null
            for name in a b c d e f g h; do
              if mkdir /etc/pve/priv/lock/race-$name 2>/dev/null; then echo "$name"; fi
            done
            """;
        var runs = await Task.WhenAll(AllNodes.Select(node => _cluster.ShAsync(node, Contender, Token)));
        var won = runs.SelectMany(r => r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h"], won.Order(StringComparer.Ordinal));

        var tree = await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/priv/lock", Token);
        Assert.Equal(8, tree.Entries.Count(e => e.StartsWith("d ./race-", StringComparison.Ordinal)));
    }

    [CfsFact]
    public async Task Members_lists_all_three_nodes_online_on_every_node()
    {
        foreach (var node in AllNodes)
        {
            var members = await _cluster.MembersAsync(node, Token);
            Assert.NotNull(members);
            Assert.Equal(PmxcfsCluster.NodeName(node), members.NodeName);
            Assert.True(members.Quorate, members.ToString());
            Assert.Equal(["n1", "n2", "n3"], members.OnlineNodes);
            Assert.Equal(3, members.Online.Count);
        }
    }

    [CfsFact]
    public async Task Every_node_clusterlog_shows_the_entries_of_every_node()
    {
        // Each pmxcfs logs its start; the status group must carry those entries to every node,
        // including the ones logged before the other nodes had joined.
        foreach (var node in AllNodes)
        {
            await Lab.Polling.UntilAsync(
                async ct =>
                {
                    var result = await _cluster.ShAsync(node, "cat /etc/pve/.clusterlog", ct);
                    return result.Succeeded ? ClusterLogNodes(result.StandardOutput) : [];
                },
                nodes => nodes.SetEquals(["n1", "n2", "n3"]),
                PmxcfsCluster.ConvergeTimeout,
                $"n{node}'s .clusterlog to hold entries from n1, n2 and n3",
                Token);
        }
    }

    private static HashSet<string> ClusterLogNodes(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty("data").EnumerateArray()
            .Select(entry => entry.GetProperty("node").GetString() ?? "")
            .ToHashSet(StringComparer.Ordinal);
    }

    [CfsFact]
    public async Task A_guest_created_on_n2_shows_in_every_vmlist_and_its_id_cannot_be_created_again_elsewhere()
    {
        const string VmId = "9100";
        await _cluster.ShCheckedAsync(2, $"printf 'memory: 512\\n' > /etc/pve/nodes/n2/qemu-server/{VmId}.conf", Token);
        foreach (var node in AllNodes)
        {
            await WaitGuestAsync(node, VmId, "n2", "qemu");
        }

        var qemuOnN1 = await _cluster.ShAsync(1, $"printf 'memory: 1\\n' > /etc/pve/nodes/n1/qemu-server/{VmId}.conf", Token);
        var lxcOnN3 = await _cluster.ShAsync(3, $"printf 'memory: 1\\n' > /etc/pve/nodes/n3/lxc/{VmId}.conf", Token);
        Assert.False(qemuOnN1.Succeeded, "a second qemu config with the same VMID was created on n1");
        Assert.False(lxcOnN3.Succeeded, "an lxc config with a taken VMID was created on n3");
        Assert.Contains("File exists", qemuOnN1.StandardError, StringComparison.Ordinal);

        var tree = await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/nodes", Token);
        Assert.Single(tree.Entries, e => e.EndsWith($"/{VmId}.conf", StringComparison.Ordinal));

        // Migration is an atomic rename of the config into the other node's directory.
        await _cluster.ShCheckedAsync(1, $"mv /etc/pve/nodes/n2/qemu-server/{VmId}.conf /etc/pve/nodes/n3/qemu-server/{VmId}.conf", Token);
        foreach (var node in AllNodes)
        {
            await WaitGuestAsync(node, VmId, "n3", "qemu");
        }
    }

    private Task<(string Node, string Type)?> WaitGuestAsync(int node, string vmId, string owner, string type) =>
        Lab.Polling.UntilAsync(
            async ct =>
            {
                var result = await _cluster.ShAsync(node, "cat /etc/pve/.vmlist", ct);
                return result.Succeeded ? GuestEntry(result.StandardOutput, vmId) : null;
            },
            guest => guest == (owner, type),
            PmxcfsCluster.ConvergeTimeout,
            $"n{node}'s .vmlist to list guest {vmId} on {owner} as {type}",
            Token);

    private static (string Node, string Type)? GuestEntry(string json, string vmId)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("ids", out var ids) && ids.TryGetProperty(vmId, out var guest)
            ? (guest.GetProperty("node").GetString() ?? "", guest.GetProperty("type").GetString() ?? "")
            : null;
    }
}
