using Microsoft.Extensions.Logging.Abstractions;

namespace PveCluster.Integration.Tests.Boot;

/// <summary>A boot test class with its own <see cref="BootLab"/> of <paramref name="nodeCount"/> booted nodes, made before its test and torn down after.</summary>
[Collection(BootTestGroup.Name)]
public abstract class BootLabTest(int nodeCount) : IAsyncLifetime
{
    /// <summary>Building the debs, the rootfs when it is not cached yet (a few minutes) and booting the nodes.</summary>
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(20);

    private BootLab? _lab;

    protected BootLab Lab => _lab ?? throw new InvalidOperationException("no boot lab");

    public async Task InitializeAsync()
    {
        if (BootFactAttribute.MissingReason() is not null)
            return;
        using var timeout = new CancellationTokenSource(SetupTimeout);
        _lab = await BootLab.CreateAsync(nodeCount, NullLogger.Instance, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_lab is not null)
            await _lab.DisposeAsync();
    }
}
