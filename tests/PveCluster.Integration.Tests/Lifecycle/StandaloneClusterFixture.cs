using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Integration.Tests.Pvecm;
using PveCluster.Lab;
using PveCluster.Lab.Processes;
using PveCluster.Lab.Services;

namespace PveCluster.Integration.Tests.Lifecycle;

/// <summary>
/// Five fresh standalone hosts; the fixture turns n1..n3 into a cluster the way an administrator does
/// (`pvecm create` on n1, `pvecm add` on n2 and n3 through n1's API). n4 stays a standalone host for the
/// refused joins, n5 is for the join-then-delnode test.
/// </summary>
public sealed class StandaloneClusterFixture : IAsyncLifetime
{
    public const string ClusterName = "lifecycle";
    public const string Password = "lab root pw";
    public const int Outsider = 4;
    public const int Leaver = 5;
    public static readonly int[] Members = [1, 2, 3];

    private LabCluster? _lab;
    private string? _passwordDirectory;

    public LabCluster Lab => _lab ?? throw new InvalidOperationException($"no lab: {LabRequirements.MissingReason(needsPveStack: true) ?? "setup failed"}");

    public PvecmRunner Pvecm => new(Lab);

    /// <summary>n1's API certificate fingerprint, read on n1 with openssl (what the GUI's Join Information shows).</summary>
    public string Fingerprint { get; private set; } = "";

    /// <summary>A file with the lab password, in /tmp (which the nodes share with the host).</summary>
    public string PasswordFile => Path.Combine(_passwordDirectory ?? throw new InvalidOperationException("no lab"), "password");

    public string WrongPasswordFile => Path.Combine(_passwordDirectory ?? throw new InvalidOperationException("no lab"), "wrong");

    public string FirstNodeAddress => Lab.Addressing.Node(1, 0).ToString();

    public async Task InitializeAsync()
    {
        LabRequirements.ThrowIfRequiredAndMissing(needsPveStack: true);
        if (LabRequirements.MissingReason(needsPveStack: true) is not null)
        {
            return;
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var ct = timeout.Token;
        _passwordDirectory = Directory.CreateTempSubdirectory("pvelab-lifecycle-").FullName;
        await File.WriteAllTextAsync(PasswordFile, Password + "\n", ct);
        await File.WriteAllTextAsync(WrongPasswordFile, "not the password\n", ct);
        var lab = await LabCluster.CreateAsync(
            new LabOptions
            {
                NodeCount = 5,
                Standalone = true,
                TokenMs = LabClusterFixture.FastTokenMs,
                RootPassword = Password,
                ArtifactsDirectory = LabRequirements.ArtifactsDirectory(),
            },
            NullLogger.Instance, ct);
        _lab = lab;
        try
        {
            foreach (var node in lab.Nodes)
            {
                Assert.True(lab.ServiceProcess(node, ServiceNames.PveProxy) is not null,
                    $"pveproxy did not come up on node {node}: {DaemonLauncher.Tail(lab.ServiceLogPath(node, ServiceNames.PveProxy))}; " +
                    $"boot: {string.Join("; ", lab.BootProblems)}");
            }
            await ExecOrFailAsync(1, ["pvecm", "create", ClusterName], ct);
            Fingerprint = await FingerprintAsync(1, ct);
            foreach (var node in Members.Skip(1))
            {
                await ExecOrFailAsync(node, JoinCommand(Fingerprint, PasswordFile), ct);
            }
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
        if (_passwordDirectory is not null && Directory.Exists(_passwordDirectory))
        {
            Directory.Delete(_passwordDirectory, recursive: true);
        }
    }

    /// <summary>`pvecm add &lt;n1&gt; --fingerprint FP --password-file FILE`.</summary>
    public string[] JoinCommand(string fingerprint, string passwordFile) =>
        ["pvecm", "add", FirstNodeAddress, "--fingerprint", fingerprint, "--password-file", passwordFile];

    public Task<string> FingerprintAsync(int node, CancellationToken ct) => Lab.CertificateFingerprintAsync(node, ct);

    /// <summary>A file's content inside a node, or null when it does not exist.</summary>
    public async Task<string?> ReadAsync(int node, string path, CancellationToken ct)
    {
        var result = await Lab.ExecAsync(node, ["cat", path], ct);
        return result.Succeeded ? result.StandardOutput : null;
    }

    /// <summary>Runs a command in a node; a failure carries its whole output into the test message.</summary>
    public Task<CommandResult> ExecOrFailAsync(int node, IEnumerable<string> command, CancellationToken ct) =>
        Lab.ExecOrFailAsync(node, command, ct);
}
