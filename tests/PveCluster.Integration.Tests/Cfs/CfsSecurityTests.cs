using System.Text.Json;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Cfs;

/// <summary>
/// What an unprivileged local user (nobody, uid 65534) and a determined administrator can do to a
/// running pmxcfs: read the database behind /etc/pve (it holds priv/: the ticket signing key, the
/// CSRF secret), or create a second guest with an id that exists on another node.
/// </summary>
public sealed class CfsSecurityTests : IClassFixture<CfsLabFixture>, IDisposable
{
    private const string LibDir = "/var/lib/pve-cluster";
    private const int UpgradedNode = 3;
    private static readonly int[] AllNodes = [1, 2, 3];

    private readonly PmxcfsCluster _cluster;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));

    public CfsSecurityTests(CfsLabFixture fixture)
    {
        _cluster = fixture.Cluster;
    }

    private CancellationToken Token => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [CfsFact]
    public async Task The_database_and_its_wal_and_shm_files_are_root_only_and_nobody_cannot_read_them()
    {
        // A write makes sure the WAL is in use; priv/ is exactly what must not leak.
        await _cluster.ShCheckedAsync(1, "printf 'secret\\n' > /etc/pve/priv/modes-probe", Token);
        await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/priv", Token);
        foreach (var node in AllNodes)
        {
            var files = await DatabaseFilesAsync(node);
            Assert.Contains($"{LibDir}/config.db", files.Keys);
            Assert.Contains($"{LibDir}/config.db-wal", files.Keys);
            Assert.Contains($"{LibDir}/config.db-shm", files.Keys);
            Assert.All(files, file => Assert.True(file.Value == "600 root", $"n{node}: {file.Key} is {file.Value}, expected 600 root"));
            await AssertNobodyCannotReadAsync(node, files.Keys);
        }
        await _cluster.ShCheckedAsync(1, "rm /etc/pve/priv/modes-probe", Token);
    }

    [CfsFact]
    public async Task A_world_readable_database_and_backups_left_by_an_older_version_are_narrowed_when_pmxcfs_starts()
    {
        Assert.True(await _cluster.StopAsync(UpgradedNode, kill: false, Token));
        try
        {
            // What an older pmxcfs and a join left behind: a 0644 database, side files and a backup with its WAL.
            await _cluster.ShCheckedAsync(UpgradedNode, $"""
                cd {LibDir} &&
                cp config.db config.db.bak-20260101000000 && printf 'wal' > config.db.bak-20260101000000-wal &&
                chmod 0644 config.db config.db.bak-20260101000000 config.db.bak-20260101000000-wal
                """, Token);
            var before = await DatabaseFilesAsync(UpgradedNode);
            Assert.Equal("644 root", before[$"{LibDir}/config.db"]);
        }
        finally
        {
            await _cluster.StartAsync(UpgradedNode, Token);
        }
        await _cluster.WaitReadyAsync(UpgradedNode, Token);

        var files = await DatabaseFilesAsync(UpgradedNode);
        Assert.Contains($"{LibDir}/config.db.bak-20260101000000", files.Keys);
        Assert.Contains($"{LibDir}/config.db.bak-20260101000000-wal", files.Keys);
        Assert.All(files, file => Assert.True(file.Value == "600 root", $"{file.Key} is {file.Value}, expected 600 root"));
        await AssertNobodyCannotReadAsync(UpgradedNode, files.Keys);
        Assert.Contains("restricted /var/lib/pve-cluster/config.db from mode 0644 to 0600", _cluster.LogTail(UpgradedNode, 400),
            StringComparison.Ordinal);
    }

    [CfsFact]
    public async Task Renaming_a_directory_of_configs_into_a_guest_directory_cannot_create_an_id_twice_on_any_node()
    {
        // The reported bypass, on the real mount: VM 9901 lives on n1, a copy is staged in a
        // directory no id check looks at, then the directory is renamed to a guest directory.
        await _cluster.ShCheckedAsync(1, """
            printf 'memory: 512\n' > /etc/pve/nodes/n1/qemu-server/9901.conf &&
            mkdir -p /etc/pve/nodes/ghost/qtmp && printf 'memory: 64\n' > /etc/pve/nodes/ghost/qtmp/9901.conf
            """, Token);
        await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/nodes", Token);
        try
        {
            // rename(2) itself, so the errno is seen as it is (mv words EEXIST on a directory misleadingly).
            var move = await _cluster.Lab.ExecAsync(2,
                ["python3", "-c", "import os, sys; os.rename(sys.argv[1], sys.argv[2])", "/etc/pve/nodes/ghost/qtmp", "/etc/pve/nodes/ghost/lxc"],
                Token);
            Assert.False(move.Succeeded, "the rename that duplicates VM 9901 succeeded");
            Assert.Contains("[Errno 17] File exists", move.StandardError, StringComparison.Ordinal);

            var tree = await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/nodes", Token);
            Assert.Contains("f ./ghost/qtmp/9901.conf", tree.Entries);
            Assert.DoesNotContain(tree.Entries, e => e.StartsWith("d ./ghost/lxc", StringComparison.Ordinal));
            foreach (var node in AllNodes)
            {
                using var vmlist = JsonDocument.Parse(await _cluster.ShCheckedAsync(node, "cat /etc/pve/.vmlist", Token));
                var guest = vmlist.RootElement.GetProperty("ids").GetProperty("9901");
                Assert.Equal("n1", guest.GetProperty("node").GetString());
                Assert.Equal("qemu", guest.GetProperty("type").GetString());
                // Every node applied the rename in the same order and refused it the same way.
                await Polling.UntilAsync(
                    _ => Task.FromResult(_cluster.LogTail(node, 400)),
                    log => log.Contains("guest id 9901 is already used by /nodes/n1/qemu-server/9901.conf", StringComparison.Ordinal),
                    PmxcfsCluster.ConvergeTimeout, $"n{node} to log the refused rename", Token);
            }
        }
        finally
        {
            await _cluster.ShCheckedAsync(1, "rm -rf /etc/pve/nodes/ghost /etc/pve/nodes/n1/qemu-server/9901.conf", Token);
        }
    }

    /// <summary>Mode and owner ("600 root") of the database, its side files and its backups, by path.</summary>
    private async Task<Dictionary<string, string>> DatabaseFilesAsync(int node)
    {
        var output = await _cluster.ShCheckedAsync(node, $"stat -c '%n|%a %U' {LibDir}/config.db*", Token);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('|'))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
    }

    private async Task AssertNobodyCannotReadAsync(int node, IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            var read = await _cluster.Lab.ExecAsync(node,
                ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "cat", file], Token);
            Assert.False(read.Succeeded, $"n{node}: nobody read {file}");
            Assert.Contains("Permission denied", read.StandardError, StringComparison.Ordinal);
        }
    }
}
