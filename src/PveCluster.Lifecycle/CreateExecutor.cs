using System.Globalization;
using System.Net;
using PveCluster.Core.JoinInfo;
using PveCluster.Core.Lifecycle;
using PveCluster.Core.Links;
using PveCluster.Lifecycle.Services;

namespace PveCluster.Lifecycle;

/// <summary>
/// <c>pvecm create</c>: plans from real local facts, refuses before touching anything, then writes the
/// key, certificates, corosync.conf and SSH keys, restarts corosync and pmxcfs and waits for quorum.
/// </summary>
public sealed class CreateExecutor(LifecycleContext context, TextWriter output)
{
    private readonly ProgressWriter _progress = new(output);

    public async Task RunAsync(
        string clusterName, IReadOnlyList<LinkSpec> links, ulong? nodeId, ulong? votes, CancellationToken cancellationToken)
    {
        var host = context.Host;
        var paths = context.Paths;
        links = await Network.LinkNameResolution.ResolveAsync(links, context.Resolver, _ => null, cancellationToken).ConfigureAwait(false);
        var request = new CreateRequest(
            clusterName,
            host.NodeName,
            links,
            new LocalAddressSet(host.LocalAddresses()),
            host.ResolveNodeAddress(),
            await context.ReadLocalStateAsync(cancellationToken).ConfigureAwait(false),
            nodeId,
            votes);
        var plan = ClusterCreatePlanner.Plan(request);
        _progress.Line(plan.Explain());
        if (!plan.CanProceed)
        {
            throw new LifecycleException($"cluster create refused: {string.Join("; ", plan.Errors)}");
        }

        var node = host.NodeName;
        var ssh = new SshKeySetup(paths, context.Processes, _progress.Line);
        var rootKeys = await ssh.EnsureRootKeyAsync(cancellationToken).ConfigureAwait(false);

        if (plan.GenerateAuthKey)
        {
            _progress.Line($"generating corosync authkey {paths.AuthKey}");
            if (!AuthKeyFile.TryCreate(paths.AuthKey))
            {
                throw new LifecycleException($"'{paths.AuthKey}' appeared while pvecm was running; another cluster operation is in progress?");
            }
        }

        var certificates = new ClusterCertificates(paths, context.CaKeySize, _progress.Line);
        NodeDirectories.Ensure(paths, node);
        var now = context.Time.GetUtcNow();
        using (var ca = certificates.EnsureCa(now))
        {
            _progress.Line(certificates.EnsureNodeCertificate(ca, node, CertificateAddresses(plan), now, force: false));
        }

        certificates.EnsureTicketKeys();

        var conf = plan.CorosyncConf!;
        _progress.Line($"writing {paths.ClusterConf}");
        AtomicFile.Write(paths.ClusterConf, conf, AtomicFile.Public);
        _progress.Line($"writing {paths.LocalCorosyncConf}");
        AtomicFile.Write(paths.LocalCorosyncConf, conf, AtomicFile.Public);

        ssh.MergeAuthorizedKeys(rootKeys);
        ssh.UpdateKnownHosts(node, plan.Links[0].Address);

        await _progress.StepAsync("restarting corosync",
            () => context.Services.RestartAsync(ClusterService.Corosync, cancellationToken)).ConfigureAwait(false);
        await _progress.StepAsync("restarting pmxcfs (pve-cluster)",
            () => context.Services.RestartAsync(ClusterService.Pmxcfs, cancellationToken)).ConfigureAwait(false);
        await _progress.StepAsync("waiting for quorum",
            () => QuorumWaiter.WaitAsync(context.ConnectCluster, context.QuorumTimeout, context.StatePollInterval, context.Time, cancellationToken))
            .ConfigureAwait(false);

        _progress.Line(Summary(clusterName, node, plan));
    }

    private static List<IPAddress> CertificateAddresses(CreatePlan plan) =>
        [.. plan.Links.Select(l => IPAddress.TryParse(l.Address, out var ip) ? ip : null).OfType<IPAddress>()];

    private string Summary(string clusterName, string node, CreatePlan plan)
    {
        var links = string.Join(", ", plan.Links.Select(l => string.Create(CultureInfo.InvariantCulture, $"link{l.Number} {l.Address}")));
        var fingerprint = FingerprintOf(context.Paths.NodeCertificate(node));
        return $"""

            Cluster '{clusterName}' created: node '{node}' with {links}.
            Add nodes by running on each of them: pvecm add {plan.Links[0].Address}
            The certificate fingerprint they will be asked to confirm: {fingerprint}
            """;
    }

    private static string FingerprintOf(string certificatePath)
    {
        using var certificate = Core.Certificates.CertificatePem.ImportCertificate(File.ReadAllText(certificatePath));
        return CertificateFingerprint.OfCertificate(certificate.RawData).Value;
    }
}
