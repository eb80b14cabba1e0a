using PveCluster.Core.CorosyncConf;
using PveCluster.Core.Lifecycle;
using PveCluster.Lifecycle.Network;

namespace PveCluster.Lifecycle.Links;

/// <summary>
/// <c>pvecm link add|set|remove</c> and the <c>/cluster/config/links</c> API: under the cluster lock, plans the edit,
/// checks the network from every node, writes /etc/pve/corosync.conf with a config_version bump, reloads corosync,
/// and watches the cluster for a grace period. If quorum, membership or the changed link is worse than before, it
/// writes the previous configuration back (with a still higher config_version) and reports why.
/// </summary>
public sealed class LinkChangeExecutor(LifecycleContext context, TextWriter output)
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromSeconds(30);
    private const int MaxSilentPolls = 3;

    private readonly ProgressWriter _progress = new(output);

    /// <exception cref="PlanRefusedException">The plan refused; nothing was changed.</exception>
    /// <exception cref="LifecycleException">The preflight refused (nothing changed), or the change was rolled back.</exception>
    public async Task<LinkChangePlan> RunAsync(LinkChangeOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var held = await context.LockClusterConfAsync(_progress.Line, cancellationToken).ConfigureAwait(false);
        var config = ClusterConfFile.Read(context.Paths);
        var (quorate, online) = await ClusterFacts.ReadAsync(context, cancellationToken).ConfigureAwait(false);
        var nodes = PreflightNodes.Of(config, context.Host.NodeName);
        var change = await EnteredChange.ResolveAsync(options, config, () => new NetworkPreflight(context, _progress.Line).FactsAsync(nodes, cancellationToken), context.Resolver, cancellationToken)
            .ConfigureAwait(false);
        var grace = options.EffectiveGrace;
        var plan = LinkChangePlanner.Plan(new LinkChangeRequest(config, change, quorate, online, options.SkipPreflight, (int)grace.TotalSeconds));
        _progress.Line(plan.Explain());
        if (plan.Diff is { Length: > 0 } diff)
        {
            _progress.Line(diff);
        }

        plan.EnsureCanProceed();
        if (!options.SkipPreflight)
        {
            await PreflightAsync(plan, change, nodes, cancellationToken).ConfigureAwait(false);
        }

        var before = await ClusterHealthReader.TryReadAsync(context, cancellationToken).ConfigureAwait(false)
            ?? throw new LifecycleException("corosync does not answer on this node; nothing was changed");
        held.EnsureHeld();
        var refused = await InstallAsync(plan.NewConfig!, writeLocalOnly: false, cancellationToken).ConfigureAwait(false);

        // A refused reload leaves corosync running something else than the file says, which the next start would read.
        var problem = refused is not null
            ? $"corosync refused to reload the new configuration ({refused}); a node's corosync log says why"
            : await WatchAsync(before.Health, before.LocalNodeId, plan.WatchedLinks, grace, cancellationToken).ConfigureAwait(false);
        if (problem is null)
        {
            _progress.Line($"{change.Describe()}: done; the cluster kept its quorum and members for {grace.TotalSeconds:0} s"
                + (plan.WatchedLinks.Count > 0 ? $" and link {plan.WatchedLinks[0]} connects to every member" : ""));
            return plan;
        }

        await RollBackAsync(config, plan.NewConfig!, problem, cancellationToken).ConfigureAwait(false);
        return plan;
    }

    private async Task PreflightAsync(LinkChangePlan plan, LinkChange change, IReadOnlyList<PreflightNode> nodes, CancellationToken cancellationToken)
    {
        if (plan.CheckedLinks.Count > 0)
        {
            var links = plan.CheckedLinks.ToDictionary(l => l, plan.AddressesOn);
            var report = await new NetworkPreflight(context, _progress.Line).RunAsync(nodes, links, cancellationToken).ConfigureAwait(false);
            _progress.Line(string.Join('\n', report.Table));
            _progress.Line(report.Explain());
            if (!report.CanProceed)
            {
                throw new LifecycleException(
                    $"network preflight refused {change.Describe()}: {string.Join("; ", report.Errors)}. Nothing was changed "
                    + "(--skip-preflight forces it; the watch still rolls back a change that breaks the cluster)");
            }
        }
        else if (change is RemoveLinkChange remove)
        {
            await CheckRemainingLinksAsync(remove.Link, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every other member must be connected on a link that stays, or removing this one splits it off.</summary>
    private async Task CheckRemainingLinksAsync(int removed, CancellationToken cancellationToken)
    {
        var health = await ClusterHealthReader.TryReadAsync(context, cancellationToken).ConfigureAwait(false)
            ?? throw new LifecycleException("corosync does not answer on this node; nothing was changed");
        var stranded = health.Health.Members
            .Where(m => m != health.LocalNodeId && !health.Health.Links.Links.Any(l => l.NodeId == m && l.Link != removed && l.IsConnected))
            .Order()
            .ToList();
        if (stranded.Count > 0)
        {
            throw new LifecycleException(
                $"node id(s) {string.Join(", ", stranded)} are connected only over link {removed}: removing it would split them off. "
                + "Nothing was changed");
        }

        _progress.Line($"every member is connected on another link than link {removed}");
    }

    /// <summary>
    /// Writes the cluster copy (or, when /etc/pve is read-only, this node's own), waits until it is installed here and
    /// reloads corosync everywhere; returns why the reload was refused, or null.
    /// </summary>
    private async Task<string?> InstallAsync(CorosyncConfig config, bool writeLocalOnly, CancellationToken cancellationToken)
    {
        var paths = context.Paths;
        var version = config.Totem?.ConfigVersion ?? 0;
        var text = config.Write();
        if (writeLocalOnly)
        {
            AtomicFile.Write(paths.LocalCorosyncConf, text, AtomicFile.Public);
            _progress.Line($"wrote {paths.LocalCorosyncConf} (config_version {version}) on this node only");
        }
        else
        {
            ClusterConfFile.Write(paths, text);
            _progress.Line($"wrote {paths.ClusterConf} (config_version {version})");
        }

        await WaitForInstalledAsync(version, cancellationToken).ConfigureAwait(false);
        var reload = await context.Processes.RunAsync("corosync-cfgtool", ["-R"], cancellationToken).ConfigureAwait(false);
        _progress.Line(reload.Succeeded
            ? "corosync reloaded its configuration on every node (corosync-cfgtool -R)"
            : $"corosync-cfgtool -R: {reload.Describe()}");
        return reload.Succeeded ? null : reload.Describe();
    }

    /// <summary>pmxcfs copies /etc/pve/corosync.conf to /etc/corosync; a reload before that would re-read the old file.</summary>
    private async Task WaitForInstalledAsync(ulong version, CancellationToken cancellationToken)
    {
        var deadline = context.Time.GetUtcNow() + InstallTimeout;
        while (LocalVersion() < version)
        {
            if (context.Time.GetUtcNow() >= deadline)
            {
                throw new LifecycleException(
                    $"{context.Paths.LocalCorosyncConf} did not reach config_version {version} within {InstallTimeout.TotalSeconds:0} s: is pmxcfs running?");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), context.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private ulong LocalVersion()
    {
        try
        {
            return CorosyncConfig.Parse(File.ReadAllText(context.Paths.LocalCorosyncConf)).Totem?.ConfigVersion ?? 0;
        }
        catch (Exception ex) when (ex is IOException or ConfParseException or ConfValueException)
        {
            return 0;
        }
    }

    /// <summary>Null when the change may stay; otherwise why it must be rolled back.</summary>
    private async Task<string?> WatchAsync(
        ClusterHealth before, uint localNodeId, IReadOnlyList<int> watchedLinks, TimeSpan grace, CancellationToken cancellationToken)
    {
        _progress.Line($"watching quorum, membership{(watchedLinks.Count > 0 ? $" and link {watchedLinks[0]}" : "")} for {grace.TotalSeconds:0} s");
        var deadline = context.Time.GetUtcNow() + grace;
        var silent = 0;
        ClusterHealth? last = null;
        while (true)
        {
            var now = await ClusterHealthReader.TryReadAsync(context, cancellationToken).ConfigureAwait(false);
            if (now is null)
            {
                if (++silent >= MaxSilentPolls)
                {
                    return $"corosync stopped answering on this node ({MaxSilentPolls} polls in a row)";
                }
            }
            else
            {
                silent = 0;
                last = now.Value.Health;
                if (LinkChangeWatch.Worse(before, last) is { } worse)
                {
                    return worse;
                }
            }

            if (context.Time.GetUtcNow() >= deadline)
            {
                return last is null ? "corosync did not answer" : LinkChangeWatch.LinksDown(last, watchedLinks, localNodeId);
            }

            await Task.Delay(context.PollInterval, context.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RollBackAsync(CorosyncConfig previous, CorosyncConfig applied, string reason, CancellationToken cancellationToken)
    {
        _progress.Line($"ROLLING BACK: {reason}");
        var restore = previous.Clone();

        // pmxcfs and corosync only take a file with a higher config_version than the one running now.
        restore.Totem!.ConfigVersion = (applied.Totem?.ConfigVersion ?? 0) + 1;
        try
        {
            await InstallAsync(restore, writeLocalOnly: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _progress.Line($"cannot write {context.Paths.ClusterConf} ({ex.Message}): /etc/pve is read-only without quorum");
            await InstallAsync(restore, writeLocalOnly: true, cancellationToken).ConfigureAwait(false);
            await QuorumWaiter.WaitAsync(context.ConnectCluster, context.QuorumTimeout, context.PollInterval, context.Time, cancellationToken)
                .ConfigureAwait(false);
            ClusterConfFile.Write(context.Paths, restore.Write());
        }

        await QuorumWaiter.WaitAsync(context.ConnectCluster, context.QuorumTimeout, context.PollInterval, context.Time, cancellationToken)
            .ConfigureAwait(false);
        throw new LifecycleException(
            $"the link change was rolled back: {reason}. The cluster runs the previous links again "
            + $"(config_version {restore.Totem.ConfigVersion}) and is quorate");
    }
}
