using System.Globalization;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Cfs;

/// <summary>
/// pmxcfs through partitions, crashes and restarts on real corosync. Every test ends with all three
/// nodes quorate and serving again.
/// </summary>
public sealed class CfsFailureTests : IClassFixture<CfsLabFixture>, IDisposable
{
    private static readonly int[] AllNodes = [1, 2, 3];
    private static readonly int[] Quorate = [1, 2];
    private static readonly int[] MajorityWithoutN1 = [2, 3];

    private readonly PmxcfsCluster _cluster;
    private readonly LabCluster _lab;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));

    public CfsFailureTests(CfsLabFixture fixture)
    {
        _cluster = fixture.Cluster;
        _lab = _cluster.Lab;
    }

    private CancellationToken Token => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [CfsFact]
    public async Task A_cut_node_turns_read_only_and_after_heal_catches_up_with_writes_deletes_and_renames()
    {
        await _cluster.ShCheckedAsync(1, """
            mkdir /etc/pve/cut && cd /etc/pve/cut &&
            printf 'stays\n' > keep && printf 'goes\n' > gone && printf 'moves\n' > old-name && mkdir olddir && printf 'x' > olddir/inside
            """, Token);
        await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/cut", Token);

        await _lab.CutAsync(3, link: null, drop: false, Token);
        try
        {
            await ClusterWait.ForMembershipAsync(_lab, Quorate, members: 2, quorate: true, Token);
            await WaitMembersAsync(3, m => !m.Quorate, "n3 to see itself inquorate");
            foreach (var node in Quorate)
            {
                await WaitMembersAsync(node, m => m.Quorate && m.OnlineNodes.SequenceEqual(["n1", "n2"]), $"n{node} to show n3 offline");
            }

            var write = await _cluster.ShAsync(3, "printf 'lost\\n' > /etc/pve/cut/keep", Token);
            var create = await _cluster.ShAsync(3, "printf 'new\\n' > /etc/pve/cut/from-n3", Token);
            var remove = await _cluster.ShAsync(3, "rm /etc/pve/cut/gone", Token);
            var mkdir = await _cluster.ShAsync(3, "mkdir /etc/pve/cut/n3dir", Token);
            foreach (var (result, what) in new[] { (write, "overwrite"), (create, "create"), (remove, "delete"), (mkdir, "mkdir") })
            {
                Assert.False(result.Succeeded, $"{what} on the inquorate n3 succeeded");
                Assert.Contains("Permission denied", result.StandardError, StringComparison.Ordinal);
            }
            Assert.Equal("stays\n", await _cluster.ShCheckedAsync(3, "cat /etc/pve/cut/keep", Token));

            await _cluster.ShCheckedAsync(1, """
                cd /etc/pve/cut &&
                printf 'changed by n1\n' > keep && rm gone && mv old-name new-name && mv olddir newdir && printf 'added\n' > added && mkdir madedir
                """, Token);
            // Each node applies the ordered stream on its own: n1's success says nothing about n2 having applied it yet.
            await _cluster.WaitIdenticalAsync(Quorate, "/etc/pve/cut", Token);
            await _cluster.ShCheckedAsync(2, "printf 'from n2\\n' > /etc/pve/cut/madedir/n2file && rm /etc/pve/cut/newdir/inside", Token);
            await _cluster.WaitIdenticalAsync(Quorate, "/etc/pve/cut", Token);
            Assert.Equal("stays\n", await _cluster.ShCheckedAsync(3, "cat /etc/pve/cut/keep", Token));
        }
        finally
        {
            await _lab.HealAsync(3, link: null, CancellationToken.None);
        }

        await ClusterWait.ForWholeClusterAsync(_lab, Token);
        var tree = await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/cut", Token);
        Assert.Equal(
            ["d ./madedir", "d ./newdir", "f ./added", "f ./keep", "f ./madedir/n2file", "f ./new-name"],
            tree.Entries.Order(StringComparer.Ordinal));
        Assert.Equal("changed by n1\n", await _cluster.ShCheckedAsync(3, "cat /etc/pve/cut/keep", Token));
        await _cluster.WaitReadyAsync(3, Token);
        await _cluster.ShCheckedAsync(3, "printf 'n3 writes again\\n' > /etc/pve/cut/after-heal", Token);
    }

    /// <summary>The admin guide's "Write Configuration When Not Quorate" on a node cut off alone.</summary>
    [CfsFact]
    public async Task Pvecm_expected_1_makes_a_node_cut_off_alone_writable_while_the_majority_stays_writable()
    {
        var pvecm = LabRequirements.PublishedPvecm() ?? throw new InvalidOperationException(LabRequirements.MissingReason(needsPvecm: true));
        await _cluster.ShCheckedAsync(1, "mkdir /etc/pve/forced", Token);
        await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/forced", Token);

        await _lab.CutAsync(1, link: null, drop: false, Token);
        try
        {
            await ClusterWait.ForMembershipAsync(_lab, MajorityWithoutN1, members: 2, quorate: true, Token);
            await Polling.UntilAsync(ct => _cluster.MembersAsync(1, ct), m => m is { Quorate: false },
                ClusterWait.ChangeTimeout, "n1 to see itself inquorate", Token);
            var refused = await _cluster.ShAsync(1, "printf 'refused\\n' > /etc/pve/forced/refused", Token);
            Assert.False(refused.Succeeded, "a write on the isolated, inquorate n1 succeeded");
            Assert.Contains("Permission denied", refused.StandardError, StringComparison.Ordinal);

            var expected = await _lab.ExecAsync(1, [pvecm, "expected", "1"], Token);
            Assert.True(expected.Succeeded, expected.StandardError);
            await Polling.UntilAsync(ct => _cluster.ShAsync(1, "printf 'alone\\n' > /etc/pve/forced/from-n1", ct),
                r => r.Succeeded, ClusterWait.ChangeTimeout, "a write on n1 to succeed after pvecm expected 1", Token);
            Assert.Equal("alone\n", await _cluster.ShCheckedAsync(1, "cat /etc/pve/forced/from-n1", Token));

            await _cluster.ShCheckedAsync(2, "printf 'majority\\n' > /etc/pve/forced/from-n2", Token);
            await _cluster.WaitIdenticalAsync(MajorityWithoutN1, "/etc/pve/forced", Token);
            Assert.False((await _cluster.ShAsync(2, "test -e /etc/pve/forced/from-n1", Token)).Succeeded, "the majority saw n1's write during the split");
        }
        finally
        {
            await _lab.HealAsync(1, link: null, CancellationToken.None);
        }

        // An admin-forced split brain: after the heal one side's tree is adopted whole, the other's writes are gone.
        await ClusterWait.ForWholeClusterAsync(_lab, Token);
        var tree = await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/forced", Token);
        var survivors = tree.Entries.Where(e => e is "f ./from-n1" or "f ./from-n2").ToList();
        Assert.Single(survivors);
        await _cluster.WaitReadyAsync(1, Token);
        await _cluster.ShCheckedAsync(1, "printf 'healed\\n' > /etc/pve/forced/after-heal", Token);
    }

    [CfsFact]
    public async Task Killing_pmxcfs_during_a_stream_of_writes_loses_no_acknowledged_write()
    {
        // Records a number only after the write returned success; stops at the first failure (the crash).
        const string Writer = """
            mkdir -p /etc/pve/crash || exit 1
            i=0
            while [ $i -lt 100000 ]; do
              i=$((i+1))
              if printf "content-$i" > /etc/pve/crash/f$i; then echo $i >> /root/acked; else echo "stopped at $i"; exit 0; fi
            done
            """;
        var ackedOnHost = Path.Combine(_cluster.PrivateRoot(1), "acked");
        File.Delete(ackedOnHost);
        await _lab.SpawnAsync(1, "crash-writer", ["sh", "-c", Writer], Token);
        await Polling.UntilAsync(_ => Task.FromResult(AckedCount(ackedOnHost)), n => n >= 100, TimeSpan.FromSeconds(60),
            "100 acknowledged writes", Token);

        await _cluster.StopAsync(1, kill: true, Token);
        await Polling.UntilAsync(_ => Task.FromResult(_lab.Processes.Any(p => p.Node == 1 && p.Name == "crash-writer")), running => !running,
            TimeSpan.FromSeconds(30), "the writer to notice the crash and stop", Token);
        var acknowledged = File.ReadAllLines(ackedOnHost).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        Assert.True(acknowledged.Count >= 100, $"only {acknowledged.Count} writes acknowledged");
        Assert.Equal(Enumerable.Range(1, acknowledged.Count), acknowledged);
        Assert.False((await _cluster.ShAsync(1, "ls /etc/pve/crash", Token)).Succeeded, "n1's mount still answers after SIGKILL");

        await _cluster.StartAsync(1, Token);
        await _cluster.WaitReadyAsync(1, Token);
        await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/crash", Token);
        foreach (var node in AllNodes)
        {
            var contents = await FileContentsAsync(node, "/etc/pve/crash");
            var missing = acknowledged.Where(i => !contents.TryGetValue($"./f{i}", out var c) || c != $"content-{i}").ToList();
            Assert.True(missing.Count == 0, $"n{node}: {missing.Count} acknowledged writes lost or wrong, first {string.Join(",", missing.Take(5))}");
        }
        await _cluster.ShCheckedAsync(1, "printf 'after restart' > /etc/pve/crash/after", Token);
    }

    [CfsFact]
    public async Task Writes_acknowledged_on_a_node_while_it_is_being_cut_off_survive_the_heal()
    {
        // n3 writes a stream; the cut lands mid-stream. Whatever n3 acknowledged before it noticed the
        // loss of quorum must end up everywhere, while the quorate side keeps writing meanwhile. The
        // window is a few milliseconds wide, so the cut is repeated.
        for (var round = 1; round <= 3; round++)
        {
            await CutDuringStreamAsync(round);
        }
    }

    private async Task CutDuringStreamAsync(int round)
    {
        var directory = $"/etc/pve/cutstream{round}";
        var writer = $$"""
            mkdir -p {{directory}} || exit 1
            i=0
            while [ $i -lt 100000 ]; do
              i=$((i+1))
              if printf "n3-$i" > {{directory}}/f$i 2>/dev/null; then echo $i >> /root/acked-cut; else echo "stopped at $i"; exit 0; fi
            done
            """;
        var ackedOnHost = Path.Combine(_cluster.PrivateRoot(3), "acked-cut");
        File.Delete(ackedOnHost);
        await _lab.SpawnAsync(3, "cut-writer", ["sh", "-c", writer], Token);
        await Polling.UntilAsync(_ => Task.FromResult(AckedCount(ackedOnHost)), n => n >= 50, TimeSpan.FromSeconds(60),
            "50 acknowledged writes on n3", Token);

        await _lab.CutAsync(3, link: null, drop: false, Token);
        try
        {
            await Polling.UntilAsync(_ => Task.FromResult(_lab.Processes.Any(p => p.Node == 3 && p.Name == "cut-writer")), running => !running,
                ClusterWait.ChangeTimeout, "n3's writer to be refused once n3 lost quorum", Token);
            await ClusterWait.ForMembershipAsync(_lab, Quorate, members: 2, quorate: true, Token);
            await _cluster.ShCheckedAsync(1, $"for k in 1 2 3 4 5; do printf quorate > {directory}/q$k || exit 1; done", Token);
        }
        finally
        {
            await _lab.HealAsync(3, link: null, CancellationToken.None);
        }

        await ClusterWait.ForWholeClusterAsync(_lab, Token);
        var acknowledged = File.ReadAllLines(ackedOnHost).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        await _cluster.WaitIdenticalAsync(AllNodes, directory, Token);
        var contents = await FileContentsAsync(2, directory);
        var lost = acknowledged.Where(i => !contents.TryGetValue($"./f{i}", out var c) || c != $"n3-{i}").ToList();
        Assert.True(lost.Count == 0,
            $"round {round}: {lost.Count} of {acknowledged.Count} writes acknowledged on n3 are gone or empty: {string.Join(",", lost.Take(5))}");
        Assert.All(Enumerable.Range(1, 5), k => Assert.Equal("quorate", contents[$"./q{k}"]));
    }

    [CfsFact]
    public async Task A_write_acknowledged_on_the_quorate_side_survives_the_heal_when_the_cut_off_node_applied_more()
    {
        // Eight writers keep rewriting files on n3 when it is cut off: each has an operation in flight,
        // so n3 may apply more operations around the cut than the majority writes after it. The
        // majority's one acknowledged write must still be there after the heal, on every node.
        const string Directory = "/etc/pve/busy";
        const int Writers = 8;
        var stopOnHost = Path.Combine(_cluster.PrivateRoot(3), "stop-rewriters");
        File.Delete(stopOnHost);
        await _cluster.ShCheckedAsync(1, $"mkdir {Directory}", Token);
        await _cluster.WaitIdenticalAsync(AllNodes, Directory, Token);
        var rewriters = $$"""
            for w in $(seq 1 {{Writers}}); do
              ( i=0; while [ ! -e /root/stop-rewriters ]; do
                  i=$((i+1)); printf "n3-w$w-$i" > {{Directory}}/n3-w$w 2>/dev/null || sleep 0.05
                done ) &
            done
            wait
            """;
        await _lab.SpawnAsync(3, "rewriters", ["sh", "-c", rewriters], Token);
        var versions = "";
        try
        {
            await Polling.UntilAsync(ct => _cluster.ShAsync(2, $"ls {Directory} | wc -l", ct), r => r.StandardOutput.Trim() == $"{Writers}",
                PmxcfsCluster.ConvergeTimeout, $"all {Writers} files of n3's writers on n2", Token);

            await _lab.CutAsync(3, link: null, drop: false, Token);
            await ClusterWait.ForMembershipAsync(_lab, Quorate, members: 2, quorate: true, Token);
            await WaitMembersAsync(1, m => m.Quorate && m.OnlineNodes.SequenceEqual(["n1", "n2"]), "n1's pmxcfs to show n3 offline");
            await _cluster.ShCheckedAsync(1, $"printf 'majority\\n' > {Directory}/from-n1", Token);
            await Polling.UntilAsync(ct => _cluster.ShAsync(2, $"cat {Directory}/from-n1", ct), r => r.StandardOutput == "majority\n",
                PmxcfsCluster.ConvergeTimeout, "n2 to read n1's write", Token);
            // Once n3 shows itself inquorate, whatever it had in flight at the cut has been decided there.
            await WaitMembersAsync(3, m => !m.Quorate, "n3 to see itself inquorate");
            versions = $"tree versions before the heal: n1 {await TreeVersionAsync(1)}, n3 {await TreeVersionAsync(3)}";
        }
        finally
        {
            await File.WriteAllTextAsync(stopOnHost, "", CancellationToken.None);
            await _lab.HealAsync(3, link: null, CancellationToken.None);
        }
        await Polling.UntilAsync(_ => Task.FromResult(_lab.Processes.Any(p => p.Node == 3 && p.Name == "rewriters")), running => !running,
            ClusterWait.ChangeTimeout, "n3's writers to stop", Token);

        await ClusterWait.ForWholeClusterAsync(_lab, Token);
        foreach (var node in AllNodes)
        {
            await _cluster.WaitReadyAsync(node, Token);
        }
        await _cluster.WaitIdenticalAsync(AllNodes, Directory, Token);
        foreach (var node in AllNodes)
        {
            var read = await _cluster.ShAsync(node, $"cat {Directory}/from-n1", Token);
            Assert.True(read.StandardOutput == "majority\n",
                $"n{node}: the write n1 acknowledged with quorum after the cut is gone after the heal ({read.StandardError.Trim()}); {versions}");
        }
    }

    /// <summary>The tree version a node's pmxcfs reports in .version (for failure messages).</summary>
    private async Task<string> TreeVersionAsync(int node)
    {
        var result = await _cluster.ShAsync(node, "cat /etc/pve/.version", Token);
        if (!result.Succeeded)
        {
            return $"unreadable: {result.StandardError.Trim()}";
        }
        using var version = System.Text.Json.JsonDocument.Parse(result.StandardOutput);
        return version.RootElement.GetProperty("tree").ToString();
    }

    [CfsFact]
    public async Task A_cleanly_restarted_daemon_resyncs_the_changes_made_while_it_was_down()
    {
        await _cluster.ShCheckedAsync(1, """
            mkdir /etc/pve/restart && cd /etc/pve/restart && printf 'v1\n' > edited && printf 'x\n' > removed && printf 'y\n' > renamed && mkdir emptied
            """, Token);
        await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/restart", Token);

        await _cluster.StopAsync(3, kill: false, Token);
        try
        {
            Assert.False((await _cluster.ShAsync(3, "test -e /etc/pve/restart", Token)).Succeeded, "n3 still serves /etc/pve after a clean stop");
            await _cluster.ShCheckedAsync(2, """
                cd /etc/pve/restart && printf 'v2 while n3 was down\n' > edited && rm removed && mv renamed was-renamed && rmdir emptied && mkdir -p sub/deeper && printf 'z\n' > sub/deeper/new
                """, Token);
        }
        finally
        {
            await _cluster.StartAsync(3, CancellationToken.None);
        }

        await _cluster.WaitReadyAsync(3, Token);
        var tree = await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/restart", Token);
        Assert.Equal(["d ./sub", "d ./sub/deeper", "f ./edited", "f ./sub/deeper/new", "f ./was-renamed"], tree.Entries.Order(StringComparer.Ordinal));
        Assert.Equal("v2 while n3 was down\n", await _cluster.ShCheckedAsync(3, "cat /etc/pve/restart/edited", Token));
    }

    /// <summary>Every file below <paramref name="directory"/> on a node with its content ("./name" -> text), read by one grep.</summary>
    private async Task<Dictionary<string, string>> FileContentsAsync(int node, string directory)
    {
        var lines = await _cluster.ShCheckedAsync(node, $"cd {directory} && grep -r -H '' . || true", Token);
        var contents = lines.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        // grep prints nothing for an empty file; list those too, so that "empty" and "missing" differ.
        var empty = await _cluster.ShCheckedAsync(node, $"cd {directory} && find . -type f -empty", Token);
        foreach (var path in empty.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            contents[path] = "";
        }
        return contents;
    }

    private static int AckedCount(string path)
    {
        try
        {
            return File.ReadLines(path).Count();
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }

    private Task<MembersView?> WaitMembersAsync(int node, Func<MembersView, bool> condition, string what) =>
        Polling.UntilAsync(ct => _cluster.MembersAsync(node, ct), view => view is not null && condition(view),
            ClusterWait.ChangeTimeout, what, Token);
}
