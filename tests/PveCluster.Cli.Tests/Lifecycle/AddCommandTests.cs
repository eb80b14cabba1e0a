using PveCluster.Core.Certificates;
using PveCluster.Lifecycle.Join;
using PveCluster.Lifecycle.Services;
using PveCluster.Lifecycle.Tests;

namespace PveCluster.Cli.Tests.Lifecycle;

public sealed class AddCommandTests : IDisposable
{
    private readonly JoinTestCluster _cluster = new();
    private readonly string _passwordFile;

    public AddCommandTests()
    {
        _passwordFile = Path.Combine(Node.Paths.LibDir, "..", "password");
        File.WriteAllText(_passwordFile, "secret\n");
        File.WriteAllText(Node.Paths.ConfigDb, "local database");
    }

    private TestNode Node => _cluster.Node;

    private FakePeer Peer => Node.Peer;

    public void Dispose() => _cluster.Dispose();

    private int Join(params string[] extra) =>
        Node.Run(["add", "192.0.2.11", "--fingerprint", FakePeer.Fingerprint.Value.ToLowerInvariant(), "--password-file", _passwordFile, .. extra]);

    [Fact]
    public void Join_installs_the_cluster_key_and_config_and_replaces_the_local_database()
    {
        var exit = Join("--link0", "192.0.2.14");

        Assert.True(exit == 0, Node.Out.ToString() + Node.Error);
        Assert.Equal(FakePeer.Fingerprint, Peer.PinnedWith);
        Assert.Equal(["fingerprint 192.0.2.11:8006", "login root@pam", "addnode pve4"], Peer.Calls);
        Assert.Equal("192.0.2.14", Peer.SentParameters!["link0"]);
        Assert.Equal("1", Peer.SentParameters["apiversion"]);
        Assert.False(Peer.SentParameters.ContainsKey("new_node_ip"));

        var paths = Node.Paths;
        Assert.Equal(_cluster.AuthKey, File.ReadAllBytes(paths.AuthKey));
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(paths.AuthKey));
        Assert.Equal(JoinTestCluster.NewClusterConf, File.ReadAllText(paths.LocalCorosyncConf));
        Assert.False(File.Exists(paths.ConfigDb));
        var backup = Assert.Single(Directory.GetFiles(paths.LibDir, "config.db.bak-*"));
        Assert.Equal("local database", File.ReadAllText(backup));

        Assert.Equal(["stop pve-cluster", "restart corosync", "start pve-cluster"], Node.Services.Calls);
        using var ca = CertificatePem.ImportCertificate(_cluster.CaPem.Certificate);
        using var cert = CertificatePem.ImportCertificate(File.ReadAllText(paths.NodeCertificate("pve4")));
        Assert.True(CertificateChainVerifier.Verify(ca, cert, DateTimeOffset.UtcNow).IsValid);
        Assert.Contains(TestNode.RootKey, File.ReadAllText(paths.ClusterAuthorizedKeys), StringComparison.Ordinal);

        var output = Node.Out.ToString();
        Assert.Contains("waiting for quorum...OK", output, StringComparison.Ordinal);
        Assert.Contains("warning from the cluster: a warning from the member", output, StringComparison.Ordinal);
        Assert.Contains("successfully added node 'pve4' to cluster 'prod'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_wait_for_quorum_rereads_corosync_at_the_state_interval_not_at_the_lock_retry_interval()
    {
        // Quorum comes with the third read of corosync's state. Read at the lock's retry interval, the join would
        // sleep ten minutes between reads; the deadline below only catches that.
        Node.LockPollInterval = TimeSpan.FromMinutes(10);
        Node.QuorumTimeout = TimeSpan.FromMinutes(1);
        var quorate = Node.Corosync;
        Node.Corosync = FakeCluster.Members(false, 4);
        var reads = 0;
        Node.OnConnect = count =>
        {
            reads = count;
            if (count >= 3)
            {
                Node.Corosync = quorate;
            }
        };

        var exit = await Task.Run(() => Join()).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(exit == 0, Node.Out.ToString() + Node.Error);
        Assert.Contains("waiting for quorum...OK", Node.Out.ToString(), StringComparison.Ordinal);
        Assert.True(reads >= 3, $"quorum was read {reads} times");
    }

    [Fact]
    public void The_api_daemon_and_proxy_restart_together()
    {
        Node.Services.Active.Add(ClusterService.ApiDaemon);
        Node.Services.Active.Add(ClusterService.ApiProxy);
        var proxyRestarting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Node.Services.BeforeRestart = service =>
        {
            if (service == ClusterService.ApiProxy)
            {
                proxyRestarting.TrySetResult();
            }

            // One after the other, the daemon's restart would wait for the proxy's forever; the deadline only catches that.
            return service == ClusterService.ApiDaemon ? proxyRestarting.Task.WaitAsync(TimeSpan.FromMinutes(1)) : Task.CompletedTask;
        };

        Assert.True(Join() == 0, Node.Out.ToString() + Node.Error);
        Assert.Contains("restarting pvedaemon and pveproxy (new certificate and ticket keys)...OK", Node.Out.ToString(), StringComparison.Ordinal);
        Assert.Equal(["restart pvedaemon", "restart pveproxy"], Node.Services.Calls.TakeLast(2).Order());
    }

    [Fact]
    public void Root_ssh_key_generation_runs_while_the_cluster_services_start_not_after_them()
    {
        File.Delete(Path.Combine(Node.Paths.SshDir, "id_ed25519.pub"));
        var keygenStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Node.Processes.OnRun = program =>
        {
            if (program == "ssh-keygen")
            {
                keygenStarted.TrySetResult();
            }
        };
        // Started only after quorum, ssh-keygen would never run before corosync; the deadline only catches that.
        Node.Services.BeforeRestart = service =>
            service == ClusterService.Corosync ? keygenStarted.Task.WaitAsync(TimeSpan.FromMinutes(1)) : Task.CompletedTask;

        Assert.True(Join() == 0, Node.Out.ToString() + Node.Error);
        Assert.Contains(FakeProcessRunner.GeneratedRootKey, File.ReadAllText(Node.Paths.ClusterAuthorizedKeys), StringComparison.Ordinal);
        Assert.Contains("generating root's SSH key", Node.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_backup_of_a_world_readable_local_database_and_its_side_files_is_0600()
    {
        const UnixFileMode WorldReadable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        var database = Node.Paths.ConfigDb;
        File.WriteAllText(database + "-wal", "wal");
        File.WriteAllText(database + "-shm", "shm");
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.SetUnixFileMode(file, WorldReadable);
        }

        Assert.True(Join() == 0, Node.Out.ToString() + Node.Error);

        var backups = Directory.GetFiles(Node.Paths.LibDir, "config.db.bak-*");
        Assert.Equal(3, backups.Length);
        Assert.All(backups, backup => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup)));
    }

    [Fact]
    public void A_running_api_has_both_halves_restarted_and_only_the_proxy_when_the_join_runs_inside_the_daemon()
    {
        Node.Services.Active.Add(ClusterService.ApiDaemon);
        Node.Services.Active.Add(ClusterService.ApiProxy);
        Assert.Equal(0, Join());
        Assert.Equal(["restart pvedaemon", "restart pveproxy"], Node.Services.Calls.TakeLast(2));

        using var second = new JoinTestCluster();
        second.Node.Services.Active.Add(ClusterService.ApiDaemon);
        second.Node.Services.Active.Add(ClusterService.ApiProxy);
        second.Node.ApiRestartAfterJoin = [ClusterService.ApiProxy];
        var password = Path.Combine(second.Node.Paths.LibDir, "password");
        File.WriteAllText(password, "secret\n");
        Assert.Equal(0, second.Node.Run("add", "192.0.2.11", "--fingerprint", FakePeer.Fingerprint.Value, "--password-file", password));
        Assert.Equal(["restart pveproxy"], second.Node.Services.Calls.Where(call => call.StartsWith("restart pve", StringComparison.Ordinal) && call != "restart pve-cluster"));
    }

    [Fact]
    public void Without_links_a_single_link_cluster_gets_the_resolved_address_as_new_node_ip()
    {
        Assert.Equal(0, Join());

        Assert.Equal("192.0.2.14", Peer.SentParameters!["new_node_ip"]);
        Assert.False(Peer.SentParameters.ContainsKey("link0"));
    }

    [Fact]
    public void A_fingerprint_mismatch_stops_before_the_password_is_sent()
    {
        var before = Node.Snapshot();
        var other = string.Join(':', Enumerable.Repeat("AA", 32));

        var exit = Node.Run("add", "192.0.2.11", "--fingerprint", other, "--password-file", _passwordFile);

        Assert.Equal(1, exit);
        var error = Node.Error.ToString();
        Assert.Contains($"fingerprint mismatch: expected {other}, got {FakePeer.Fingerprint.Value}", error, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", error, StringComparison.Ordinal);
        Assert.DoesNotContain("login root@pam", Peer.Calls);
        Assert.Equal(before, Node.Snapshot());
    }

    [Fact]
    public void A_malformed_fingerprint_is_a_usage_error()
    {
        Assert.Equal(2, Node.Run("add", "192.0.2.11", "--fingerprint", "AB:CD", "--password-file", _passwordFile));
        Assert.DoesNotContain("login root@pam", Peer.Calls);
    }

    [Fact]
    public void Without_a_terminal_and_without_fingerprint_the_join_is_refused()
    {
        var exit = Node.Run("add", "192.0.2.11", "--password-file", _passwordFile);

        Assert.Equal(1, exit);
        Assert.Contains("stdin is not a terminal and no --fingerprint was given", Node.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains($"--fingerprint {FakePeer.Fingerprint.Value}", Node.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("login root@pam", Peer.Calls);
    }

    [Fact]
    public void Interactive_confirmation_and_a_typed_password_join()
    {
        var input = new FakeUserInput(interactive: true, "yes");
        input.Secrets.Enqueue("secret");
        Node.Input = input;

        Assert.Equal(0, Node.Run("add", "192.0.2.11"));

        var output = Node.Out.ToString();
        Assert.Contains($"X509 SHA256 key fingerprint is {FakePeer.Fingerprint.Value}.", output, StringComparison.Ordinal);
        Assert.Contains("Are you sure you want to continue connecting (yes/no)? ", output, StringComparison.Ordinal);
        Assert.Contains("Please enter superuser (root) password for '192.0.2.11': ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Answering_no_to_the_fingerprint_question_changes_nothing()
    {
        Node.Input = new FakeUserInput(interactive: true, "no");
        var before = Node.Snapshot();

        Assert.Equal(1, Node.Run("add", "192.0.2.11"));

        Assert.Contains("host key verification failed", Node.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, Node.Snapshot());
    }

    [Fact]
    public void The_password_can_be_piped_on_stdin()
    {
        Node.Input = new FakeUserInput(interactive: false, "secret");

        Assert.Equal(0, Node.Run("add", "192.0.2.11", "--fingerprint", FakePeer.Fingerprint.Value));
    }

    [Fact]
    public void A_wrong_password_fails_authentication_and_changes_nothing()
    {
        File.WriteAllText(_passwordFile, "wrong\n");
        var before = Node.Snapshot();

        Assert.Equal(1, Join());

        Assert.Contains("authentication failed on 192.0.2.11: 401 authentication failure", Node.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("addnode pve4", Peer.Calls);
        Assert.Equal(before, Node.Snapshot());
        Assert.Empty(Node.Services.Calls);
    }

    [Fact]
    public void Local_preflight_failures_stop_the_join_before_the_cluster_is_asked()
    {
        File.WriteAllBytes(Node.Paths.AuthKey, [1, 2, 3]);
        Directory.CreateDirectory(Path.Combine(Node.Paths.NodeDirectory("pve4"), "qemu-server"));
        File.WriteAllText(Path.Combine(Node.Paths.NodeDirectory("pve4"), "qemu-server", "100.conf"), "memory: 512\n");
        var before = Node.Snapshot();

        Assert.Equal(1, Join("--link0", "192.0.2.14"));

        var output = Node.Out.ToString();
        Assert.Contains("authentication key", output, StringComparison.Ordinal);
        Assert.Contains("virtual guests (VM 100)", output, StringComparison.Ordinal);
        Assert.Contains("Check if node may join a cluster failed!", Node.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("addnode pve4", Peer.Calls);
        Assert.Equal(before, Node.Snapshot());
    }

    [Fact]
    public void A_refusal_by_the_member_is_shown_with_its_errors_and_changes_nothing()
    {
        Node.Peer = _cluster.Peer("secret", (_, _) => throw new PeerApiException(
            400, "400 cannot add node 'pve4'", new Dictionary<string, string> { ["error0"] = "link0: address '192.0.2.14' is already used" }));
        var before = Node.Snapshot();

        Assert.Equal(1, Join("--link0", "192.0.2.14"));

        var error = Node.Error.ToString();
        Assert.Contains("Cluster join aborted!", error, StringComparison.Ordinal);
        Assert.Contains("error0: link0: address '192.0.2.14' is already used", error, StringComparison.Ordinal);
        Assert.Equal(before, Node.Snapshot());
    }

    [Fact]
    public void An_incompatible_join_api_version_is_refused()
    {
        Node.Peer = new FakePeer { ApiVersion = 3, JoinInfo = JoinTestCluster.JoinInfo() };

        Assert.Equal(1, Join());

        Assert.Contains("join API version 3 is incompatible", Node.Error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4294967296")]
    [InlineData("18446744073709551615")]
    public void Votes_beyond_what_corosync_reads_are_refused_before_contacting_the_peer(string votes)
    {
        Assert.Equal(1, Join("--votes", votes));

        Assert.Contains($"--votes: votes {votes} is out of range: corosync accepts 0 to 2147483647", Node.Error.ToString(), StringComparison.Ordinal);
        Assert.Empty(Peer.Calls);
    }

    [Theory]
    [InlineData("pve1 --force")]
    [InlineData("pve1\0")]
    [InlineData("[192.0.2.11]")]
    public void A_host_that_is_no_address_or_host_name_is_refused_before_contacting_it(string host)
    {
        Assert.Equal(1, Node.Run("add", host, "--fingerprint", FakePeer.Fingerprint.Value, "--password-file", _passwordFile));

        Assert.Contains("join host", Node.Error.ToString(), StringComparison.Ordinal);
        Assert.Empty(Peer.Calls);
    }

    [Fact]
    public void Use_ssh_is_refused_as_unsupported()
    {
        Assert.Equal(2, Join("--use_ssh"));
        Assert.Empty(Peer.Calls);
    }
}
