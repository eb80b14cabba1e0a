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
