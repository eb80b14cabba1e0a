using PveCluster.Core.CorosyncConf;
using PveCluster.Lifecycle.Qdevice;
using PveCluster.Lifecycle.Services;

namespace PveCluster.Lifecycle.Tests;

/// <summary>How the QDevice steps reach the other hosts: ssh never prompts, remote words are never re-split.</summary>
public sealed class QdeviceShellTests
{
    private const string TwoNodes = """
        nodelist {
          node {
            name: pve1
            nodeid: 1
            ring0_addr: 192.0.2.1
          }
          node {
            name: pve2
            nodeid: 2
            ring0_addr: 192.0.2.2
            ring1_addr: 198.51.100.2
          }
        }
        quorum {
          provider: corosync_votequorum
        }
        totem {
          cluster_name: lab
          config_version: 4
        }
        """;

    [Theory]
    [InlineData("corosync-qdevice-net-certutil", "corosync-qdevice-net-certutil")]
    [InlineData("/etc/pve/priv/qdevice-net/qnetd-cacert.crt", "/etc/pve/priv/qdevice-net/qnetd-cacert.crt")]
    [InlineData("base64 -d > /tmp/x", "'base64 -d > /tmp/x'")]
    [InlineData("it's; rm -rf /", "'it'\\''s; rm -rf /'")]
    [InlineData("$(reboot)", "'$(reboot)'")]
    [InlineData("", "''")]
    public void Words_are_quoted_for_the_remote_shell(string word, string quoted) =>
        Assert.Equal(quoted, SecureShell.Quote(word));

    [Fact]
    public async Task Nodes_are_reached_in_batch_mode_and_only_with_the_cluster_known_hosts()
    {
        var processes = new FakeProcessRunner();
        var paths = new ClusterPaths("/etc/pve", "/etc/corosync", "/var/lib/pve-cluster", "/root/.ssh", "/etc/ssh");

        await SecureShell.ForNodes(processes, paths).RunAsync("192.0.2.2", ["sh", "-c", "command -v corosync-qdevice"], CancellationToken.None);

        Assert.Equal(
            "ssh -o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=5 -o ServerAliveCountMax=3 -o UserKnownHostsFile=/etc/pve/priv/known_hosts -o StrictHostKeyChecking=yes "
            + "-l root 192.0.2.2 -- sh -c 'command -v corosync-qdevice'",
            Assert.Single(processes.Calls));
    }

    [Fact]
    public async Task This_node_runs_its_steps_directly_and_the_others_over_ssh_at_their_first_link()
    {
        var processes = new FakeProcessRunner();
        var members = QdeviceMembers.From(
            CorosyncConfig.Parse(TwoNodes), "pve1", processes, new SecureShell(processes, []));

        await members.RunEverywhereAsync(["corosync-qdevice-net-certutil", "-i", "-c", "/etc/pve/ca.crt"], "init", _ => { }, CancellationToken.None);

        Assert.Equal(
            [
                "corosync-qdevice-net-certutil -i -c /etc/pve/ca.crt",
                "ssh -o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=5 -o ServerAliveCountMax=3 -l root 192.0.2.2 -- corosync-qdevice-net-certutil -i -c /etc/pve/ca.crt",
            ],
            processes.Calls);
    }

    [Fact]
    public async Task A_failing_node_is_named_and_stops_the_step()
    {
        var processes = new FakeProcessRunner { OtherResult = new ProcessResult(1, "", "database exists") };
        var members = QdeviceMembers.From(CorosyncConfig.Parse(TwoNodes), "pve1", processes, new SecureShell(processes, []));

        var error = await Assert.ThrowsAsync<LifecycleException>(
            () => members.RunEverywhereAsync(["certutil"], "initialising", _ => { }, CancellationToken.None));

        Assert.Equal("node 'pve1': initialising failed: database exists (exit code 1)", error.Message);
        Assert.Single(processes.Calls);
    }

    [Fact]
    public void A_node_missing_from_the_nodelist_is_refused() =>
        Assert.Contains("'pve9'", Assert.Throws<LifecycleException>(
            () => QdeviceMembers.From(CorosyncConfig.Parse(TwoNodes), "pve9", new FakeProcessRunner(), new SecureShell(new FakeProcessRunner(), []))).Message,
            StringComparison.Ordinal);

    [Fact]
    public void Systemd_enables_and_starts_qdevice_in_one_command_and_the_lab_command_stops_it()
    {
        Assert.Equal(
            ["systemctl", "enable", "--now", "corosync-qdevice"],
            new SystemdServiceControl(new FakeProcessRunner()).ActivationCommand(ClusterService.Qdevice, enable: true));
        Assert.Equal(
            ["/lab/svc", "stop", "corosync-qdevice"],
            new CommandServiceControl("/lab/svc", new FakeProcessRunner()).ActivationCommand(ClusterService.Qdevice, enable: false));
    }
}
