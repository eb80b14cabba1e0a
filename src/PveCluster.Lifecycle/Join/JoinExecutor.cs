using System.Globalization;
using System.Net;
using PveCluster.Core.Lifecycle;
using PveCluster.Core.Names;
using PveCluster.Core.Quorum;
using PveCluster.Lifecycle.Services;

namespace PveCluster.Lifecycle.Join;

/// <summary>
/// <c>pvecm add HOST</c> over the peer's API: pin its certificate, log in, check locally, ask the peer
/// to add this node, then switch this node over to the cluster (corosync key and config, fresh
/// /etc/pve from the cluster, a node certificate from the cluster CA, shared SSH keys).
/// Nothing on this node changes before the peer has accepted the request.
/// </summary>
public sealed class JoinExecutor(LifecycleContext context, TextWriter output)
{
    private readonly ProgressWriter _progress = new(output);

    public async Task RunAsync(JoinOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var host = options.Host;
        if (JoinHostRules.CheckJoinHost(host) is { IsValid: false, Error: { } hostProblem })
        {
            throw new LifecycleException($"{hostProblem}; nothing was changed");
        }

        if (options.Votes is { } votes && VoteRules.CheckNodeVotes(votes) is { } votesProblem)
        {
            throw new LifecycleException($"--votes: {votesProblem}; nothing was changed");
        }

        // Resolved here, on the joining node, where the admin entered them; the member stores the IPs.
        options = options with
        {
            Links = [.. await Network.LinkNameResolution.ResolveAsync(options.Links, context.Resolver, _ => null, cancellationToken)
                .ConfigureAwait(false)],
        };
        _progress.Line($"Establishing API connection with host '{host}'");
        var fingerprint = await context.Peers.ReadFingerprintAsync(host, JoinOptions.ApiPort, cancellationToken).ConfigureAwait(false);
        FingerprintCheck.Verify(host, fingerprint, options.Fingerprint, context.Input, output);
        var password = PasswordSource.Read(host, options, context.Input, output);

        using var peer = context.Peers.Connect(host, JoinOptions.ApiPort, fingerprint);
        try
        {
            await peer.LoginAsync("root@pam", password, cancellationToken).ConfigureAwait(false);
        }
        catch (PeerAuthenticationException ex)
        {
            throw new LifecycleException($"authentication failed on {host}: {ex.Message}; nothing was changed", ex);
        }

        _progress.Line("Login succeeded.");
        await CheckApiVersionAsync(peer, cancellationToken).ConfigureAwait(false);
        var target = JoinTargetReader.Read(await peer.GetJoinInfoAsync(cancellationToken).ConfigureAwait(false), host);

        var preflight = JoinPreflightPlanner.Check(new JoinRequest(
            context.Host.NodeName,
            target,
            options.Links,
            new LocalAddressSet(context.Host.LocalAddresses()),
            context.Host.ResolveNodeAddress(),
            await context.ReadLocalStateAsync(cancellationToken).ConfigureAwait(false),
            context.Paths.GuestConfigFiles(),
            options.Force));
        _progress.Line(preflight.Explain());
        if (!preflight.CanProceed)
        {
            throw new LifecycleException("Check if node may join a cluster failed! Nothing was changed.");
        }

        _progress.Line($"Request addition of this node ({context.Host.NodeName}) to the cluster");
        AddNodeReply reply;
        try
        {
            reply = await peer.AddNodeAsync(context.Host.NodeName, AddNodeParameters(options, preflight), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (PeerApiException ex)
        {
            throw new LifecycleException($"Cluster join aborted! {host} refused to add this node: {ex.Describe()}\nNothing was changed on this node.", ex);
        }

        _progress.Line($"{host} added this node to the cluster configuration");
        foreach (var warning in reply.Warnings)
        {
            _progress.Line($"warning from the cluster: {warning}");
        }

        await FinishAsync(reply, preflight, cancellationToken).ConfigureAwait(false);
        _progress.Line($"successfully added node '{context.Host.NodeName}' to cluster '{target.ClusterName}'.");
    }

    internal static Dictionary<string, string> AddNodeParameters(JoinOptions options, JoinPreflight preflight)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["apiversion"] = JoinOptions.JoinApiVersion.ToString(CultureInfo.InvariantCulture),
        };
        if (preflight.FallbackAddress is { } fallback)
        {
            parameters["new_node_ip"] = fallback;
        }
        else
        {
            foreach (var link in preflight.Links)
            {
                parameters[link.OptionName] = link.ToOptionValue();
            }
        }

        if (options.NodeId is { } nodeId)
        {
            parameters["nodeid"] = nodeId.ToString(CultureInfo.InvariantCulture);
        }

        if (options.Votes is { } votes)
        {
            parameters["votes"] = votes.ToString(CultureInfo.InvariantCulture);
        }

        if (options.Force)
        {
            parameters["force"] = "1";
        }

        return parameters;
    }

    private static async Task CheckApiVersionAsync(IClusterPeer peer, CancellationToken cancellationToken)
    {
        int remote;
        try
        {
            remote = await peer.GetJoinApiVersionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PeerApiException ex)
        {
            throw new LifecycleException($"cannot read the cluster's join API version: {ex.Describe()}", ex);
        }

        if (Math.Abs(remote - JoinOptions.JoinApiVersion) > JoinOptions.JoinApiAge)
        {
            throw new LifecycleException(string.Create(
                CultureInfo.InvariantCulture,
                $"the cluster's join API version {remote} is incompatible with ours ({JoinOptions.JoinApiVersion}); upgrade the older side first. Nothing was changed"));
        }
    }

    private async Task FinishAsync(AddNodeReply reply, JoinPreflight preflight, CancellationToken cancellationToken)
    {
        var paths = context.Paths;
        var services = context.Services;
        var node = context.Host.NodeName;

        var ssh = new SshKeySetup(paths, context.Processes, _progress.Line);
        await using var keys = JoinKeyMaterial.Start(ssh, cancellationToken);
        _progress.Line($"writing {paths.AuthKey} and {paths.LocalCorosyncConf}");
        AuthKeyFile.Install(paths.AuthKey, reply.AuthKey);
        AtomicFile.Write(paths.LocalCorosyncConf, reply.CorosyncConf, AtomicFile.Public);

        // Independent: the standalone pmxcfs (local mode) does not use corosync, and corosync does not use /etc/pve.
        await _progress.StepAsync("stopping pmxcfs (pve-cluster) and starting corosync",
            () => Task.WhenAll(
                services.StopAsync(ClusterService.Pmxcfs, cancellationToken),
                services.RestartAsync(ClusterService.Corosync, cancellationToken))).ConfigureAwait(false);
        if (LocalDatabase.BackUpAndClear(paths.ConfigDb, context.Time.GetUtcNow()) is { } backup)
        {
            _progress.Line($"backed up this node's configuration database to {backup}; /etc/pve now comes from the cluster");
        }

        await _progress.StepAsync("starting pmxcfs (pve-cluster)",
            () => services.StartAsync(ClusterService.Pmxcfs, cancellationToken)).ConfigureAwait(false);
        await _progress.StepAsync("waiting for quorum",
            () => QuorumWaiter.WaitAsync(context.ConnectCluster, context.QuorumTimeout, context.StatePollInterval, context.Time, cancellationToken))
            .ConfigureAwait(false);
        await _progress.StepAsync($"waiting for {paths.ClusterConf}",
            () => QuorumWaiter.WaitForFileAsync(paths.ClusterConf, context.QuorumTimeout, context.StatePollInterval, context.Time, cancellationToken))
            .ConfigureAwait(false);

        await _progress.StepAsync($"waiting for {paths.EtcPve} to accept writes",
            () => QuorumWaiter.WriteWhenAdmittedAsync(paths.EtcPve, () => NodeDirectories.Ensure(paths, node),
                context.QuorumTimeout, context.StatePollInterval, context.Time, cancellationToken))
            .ConfigureAwait(false);
        var certificates = new ClusterCertificates(paths, context.CaKeySize, _progress.Line);
        var now = context.Time.GetUtcNow();
        var nodeKey = await keys.NodeKeyAsync().ConfigureAwait(false);
        using (var ca = certificates.LoadCa())
        {
            _progress.Line(certificates.ReplaceNodeCertificate(ca, node, Addresses(preflight), now, nodeKey));
        }

        ssh.MergeAuthorizedKeys(await keys.RootKeysAsync().ConfigureAwait(false));
        if (preflight.Links.Count > 0)
        {
            ssh.UpdateKnownHosts(node, context.Host.ResolveNodeAddress() ?? preflight.Links[0].Address);
        }

        await RestartActiveApiAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Restarts the running API services together, like <c>systemctl reload-or-restart pvedaemon pveproxy</c>: each
    /// reads the new certificate and ticket keys at start, and neither needs the other to come up (the proxy reaches
    /// the daemon per request), so one waiting for the other would only add its start time to the join.
    /// </summary>
    private async Task RestartActiveApiAsync(CancellationToken cancellationToken)
    {
        var services = context.Services;
        var active = await Task.WhenAll(context.ApiRestartAfterJoin.Select(async api =>
            (Service: api, Active: await services.IsActiveAsync(api, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        var restart = active.Where(a => a.Active).Select(a => a.Service).ToList();
        if (restart.Count > 0)
        {
            await _progress.StepAsync($"restarting {string.Join(" and ", restart.Select(api => api.UnitName()))} (new certificate and ticket keys)",
                () => Task.WhenAll(restart.Select(api => services.RestartAsync(api, cancellationToken)))).ConfigureAwait(false);
        }
    }

    private List<IPAddress> Addresses(JoinPreflight preflight) =>
    [
        .. preflight.Links.Select(l => l.Address)
            .Append(context.Host.ResolveNodeAddress() ?? "")
            .Select(a => IPAddress.TryParse(a, out var ip) ? ip : null)
            .OfType<IPAddress>()
            .Distinct(),
    ];
}
