using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;
using PveCluster.Lab.Processes;
using PveCluster.Lab.Services;

namespace PveCluster.Integration.Tests.Gui;

/// <summary>Two fresh standalone hosts with two networks each (eth0, eth1) and pve-api serving the GUI on 8006.</summary>
public sealed class GuiLabFixture : IAsyncLifetime
{
    public const string Password = "gui lab pw";

    private LabCluster? _lab;

    public LabCluster Lab => _lab ?? throw new InvalidOperationException($"no lab: {LabRequirements.MissingReason(needsPveStack: true) ?? "setup failed"}");

    public Uri Url(int node) => new($"https://{Lab.Addressing.Node(node, 0)}:8006/");

    public async Task InitializeAsync()
    {
        LabRequirements.ThrowIfRequiredAndMissing(needsPveStack: true);
        if (LabRequirements.MissingReason(needsPveStack: true) is not null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        _lab = await LabCluster.CreateAsync(
            new LabOptions
            {
                NodeCount = 2,
                Links = 2,
                Standalone = true,
                TokenMs = LabClusterFixture.FastTokenMs,
                RootPassword = Password,
                ArtifactsDirectory = LabRequirements.ArtifactsDirectory(),
            },
            NullLogger.Instance, timeout.Token);
        foreach (var node in _lab.Nodes)
        {
            foreach (var service in new[] { ServiceNames.PveDaemon, ServiceNames.PveProxy })
            {
                Assert.True(_lab.ServiceProcess(node, service) is not null,
                    $"{service} did not come up on node {node}: {DaemonLauncher.Tail(_lab.ServiceLogPath(node, service))}; " +
                    $"boot: {string.Join("; ", _lab.BootProblems)}");
            }
        }
    }

    /// <summary>The last lines of each node's pveproxy and pvedaemon logs, for a failure message.</summary>
    public string ServerLogs()
    {
        if (_lab is null)
        {
            return "";
        }

        var text = new System.Text.StringBuilder();
        foreach (var node in _lab.Nodes)
        {
            foreach (var service in new[] { ServiceNames.PveProxy, ServiceNames.PveDaemon })
            {
                text.AppendLine($"--- {service} on node {node}: {DaemonLauncher.Tail(_lab.ServiceLogPath(node, service), 20)}");
                text.AppendLine($"--- its errors: {string.Join(" | ", Errors(_lab.ServiceLogPath(node, service)))}");
            }
        }

        return text.ToString();
    }

    /// <summary>Each logged failure ("fail:" or "crit:") with the lines of its exception, at most 80 lines.</summary>
    private static IEnumerable<string> Errors(string log)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(log);
        }
        catch (IOException)
        {
            return [];
        }

        return lines
            .Select((line, index) => (line, index))
            .Where(l => l.line.StartsWith("fail:", StringComparison.Ordinal) || l.line.StartsWith("crit:", StringComparison.Ordinal))
            .SelectMany(l => lines.Skip(l.index).Take(8))
            .Take(80);
    }

    public async Task DisposeAsync()
    {
        if (_lab is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await _lab.DownAsync(timeout.Token);
            _lab = null;
        }
    }
}
