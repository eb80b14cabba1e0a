using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;
using PveCluster.Lab.Processes;

namespace PveCluster.Integration.Tests;

/// <summary>A lab comes up as a quorate cluster and `down` removes every trace of it.</summary>
public sealed class LabLifecycleTests
{
    [LabFact]
    public async Task Up3_every_node_sees_three_members_and_down_leaves_nothing_behind()
    {
        LabRequirements.ThrowIfRequiredAndMissing();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        var lab = await LabCluster.CreateAsync(
            new LabOptions { NodeCount = 3, TokenMs = LabClusterFixture.FastTokenMs, StartPveServices = false }, NullLogger.Instance, ct);
        var downDone = false;
        try
        {
            var views = await ClusterWait.ForWholeClusterAsync(lab, ct);
            Assert.All(views, view =>
            {
                Assert.NotNull(view);
                Assert.True(view.Quorate);
                Assert.Equal([1, 2, 3], view.Members.Select(m => m.NodeId).Order());
                Assert.Equal(["n1", "n2", "n3"], view.Members.Select(m => m.Name).Order());
            });
            // Each node is its own host: own hostname, and the other nodes' names resolve.
            foreach (var node in lab.Nodes)
            {
                var hostname = await lab.ExecCheckedAsync(node, ["hostname"], ct);
                Assert.Equal($"n{node}", hostname.StandardOutput.Trim());
                var resolved = await lab.ExecCheckedAsync(node, ["getent", "hosts", "n3"], ct);
                Assert.StartsWith(lab.Addressing.Node(3, 0).ToString() + " ", resolved.StandardOutput, StringComparison.Ordinal);
            }

            var processes = lab.Processes;
            Assert.Equal([1, 2, 3], processes.Where(p => p.Name == "corosync").Select(p => p.Node).Order());
            Assert.Equal([1, 2, 3], processes.Where(p => p.Name == "sshd").Select(p => p.Node).Order());
            await lab.DownAsync(ct);
            downDone = true;

            await AssertNothingLeftAsync(lab, processes, ct);
        }
        finally
        {
            if (!downDone)
            {
                await lab.DownAsync(CancellationToken.None);
            }
        }
    }

    private static async Task AssertNothingLeftAsync(LabCluster lab, IReadOnlyList<Lab.State.LabProcess> processes, CancellationToken ct)
    {
        var runner = new CommandRunner(NullLogger.Instance);
        var prefix = $"pvl{lab.Id}";
        var netns = await runner.RunCheckedAsync(["ip", "netns", "list"], ct);
        Assert.DoesNotContain(prefix, netns.StandardOutput, StringComparison.Ordinal);
        var links = await runner.RunCheckedAsync(["ip", "-o", "link", "show"], ct);
        Assert.DoesNotContain(prefix, links.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(MountTable.MountPoints(), m => m.Contains(lab.RootDirectory, StringComparison.Ordinal));
        Assert.All(processes, p => Assert.False(ProcessProbe.IsAlive(p.Pid, p.Comm), $"{p.Name} (pid {p.Pid}) still runs"));
        Assert.False(Directory.Exists(lab.RootDirectory), $"{lab.RootDirectory} still exists");
        Assert.DoesNotContain(lab.Id, LabCluster.ListIds());
        var claims = Path.Combine(Path.GetDirectoryName(lab.RootDirectory)!, "subnets", lab.Addressing.SubnetIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(File.Exists(claims), $"subnet claim {claims} still exists");
        var addresses = await runner.RunCheckedAsync(["ip", "-o", "-4", "addr", "show"], ct);
        Assert.DoesNotContain(lab.Addressing.Host(0).ToString(), addresses.StandardOutput, StringComparison.Ordinal);
    }
}
