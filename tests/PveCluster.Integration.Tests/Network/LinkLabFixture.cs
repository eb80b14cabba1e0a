using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;
using PveCluster.Lab.Processes;

namespace PveCluster.Integration.Tests.Network;

/// <summary>
/// Three fresh hosts wired to two networks (198.18.k/24 and 198.19.k/24), made a cluster by `pvecm create` and
/// `pvecm add` with link0 only; the second network is what the link tests add, readdress and remove.
/// </summary>
public sealed class LinkLabFixture : IAsyncLifetime
{
    /// <summary>The xunit collection sharing one such lab (link changes, migration address, cluster options).</summary>
    public const string Collection = "network lab";

    public const string Password = "lab root pw";

    private LabCluster? _lab;
    private string? _directory;

    public LabCluster Lab => _lab ?? throw new InvalidOperationException($"no lab: {LabRequirements.MissingReason(needsPveStack: true) ?? "setup failed"}");

    public string PasswordFile => Path.Combine(_directory ?? throw new InvalidOperationException("no lab"), "password");

    public async Task InitializeAsync()
    {
        LabRequirements.ThrowIfRequiredAndMissing(needsPveStack: true);
        if (LabRequirements.MissingReason(needsPveStack: true) is not null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var ct = timeout.Token;
        _directory = Directory.CreateTempSubdirectory("pvelab-links-").FullName;
        await File.WriteAllTextAsync(PasswordFile, Password + "\n", ct);
        _lab = await LabCluster.CreateAsync(
            new LabOptions
            {
                NodeCount = 3,
                Links = 2,
                Standalone = true,
                TokenMs = LabClusterFixture.FastTokenMs,
                RootPassword = Password,
                ArtifactsDirectory = LabRequirements.ArtifactsDirectory(),
            },
            NullLogger.Instance, ct);
        try
        {
            await ExecOrFailAsync(1, ["pvecm", "create", "links", "--link0", Address(1, 0)], ct);
            var fingerprint = await _lab.CertificateFingerprintAsync(1, ct);
            foreach (var node in new[] { 2, 3 })
            {
                await ExecOrFailAsync(node,
                    ["pvecm", "add", Address(1, 0), "--fingerprint", fingerprint, "--password-file", PasswordFile, "--link0", Address(node, 0)], ct);
            }

            await ClusterWait.ForWholeClusterAsync(_lab, ct);
        }
        catch
        {
            await DisposeAsync();
            throw;
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

        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    public string Address(int node, int link) => Lab.Addressing.Node(node, link).ToString();

    public Task<CommandResult> ExecOrFailAsync(int node, IEnumerable<string> command, CancellationToken ct) =>
        Lab.ExecOrFailAsync(node, command, ct);
}

[CollectionDefinition(LinkLabFixture.Collection)]
public sealed class NetworkLabDefinition : ICollectionFixture<LinkLabFixture>;
