using PveCluster.Core.Links;

namespace PveCluster.Core.Lifecycle;

/// <summary>Link rules shared by create, join and add node; each problem becomes one plan finding.</summary>
internal static class LinkChecks
{
    /// <summary>Refuses two links with the same number or the same address (knet needs one path per link).</summary>
    public static void Distinct(IReadOnlyList<LinkSpec> links, PlanBuilder plan)
    {
        foreach (var group in links.GroupBy(l => l.Number).Where(g => g.Count() > 1))
        {
            plan.Error($"link{group.Key} is given {group.Count()} times; each link number may be used once");
        }

        foreach (var group in links.GroupBy(l => LinkAddress.CanonicalKey(l.Address), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var names = string.Join(", ", group.Select(l => l.OptionName));
            plan.Error($"address '{group.First().Address}' is used by {names}; every link needs its own address on its own network");
        }
    }

    /// <summary>
    /// A link address must be usable by this host: an IP literal must be configured on a local
    /// interface and must not be loopback. Host names cannot be checked without resolving them.
    /// </summary>
    public static void UsableLocally(LinkSpec link, LocalAddressSet local, PlanBuilder plan, bool forced = false)
    {
        EnteredHostName(link, plan);
        if (!link.IsIpAddress)
        {
            plan.Warning(
                $"{link.OptionName}: '{link.Address}' is a host name; it was not checked against this host's addresses, and "
                + "if what it resolves to changes, corosync silently follows. An IP address is recommended");
            return;
        }

        if (LocalAddressSet.IsLoopback(link.Address))
        {
            plan.Error($"{link.OptionName}: '{link.Address}' is a loopback address; other nodes cannot reach it");
        }
        else if (!local.Contains(link.Address))
        {
            plan.ErrorUnlessForced(
                $"{link.OptionName}: IP '{link.Address}' is not configured on this host (local addresses: {Describe(local)})",
                forced);
        }
    }

    /// <summary>The admin guide's advice when a host name was entered: only the resolved IP is stored.</summary>
    public static void EnteredHostName(LinkSpec link, PlanBuilder plan)
    {
        if (link.EnteredHostName is not { } name)
        {
            return;
        }

        plan.Note(
            $"{link.OptionName}: host name '{name}' resolved to {link.Address}; only the IP is stored in corosync.conf, so a later "
            + "DNS or /etc/hosts change does not move the link unnoticed");
        plan.Warning(
            $"{link.OptionName}: '{name}' was resolved here with getaddrinfo, which prefers IPv6 by default (see gai.conf); make sure "
            + $"{link.Address} is the address you meant and that every node resolves '{name}' the same way. A separate, static "
            + "host name just for corosync is recommended if you use names");
    }

    /// <summary>
    /// All nodes must use the same IP family on one link; knet cannot connect an IPv4 address
    /// to an IPv6 one. Host names are skipped because their family is only known after resolving.
    /// </summary>
    public static void SameFamilyAsCluster(
        LinkSpec link, IEnumerable<(string Node, string Address)> clusterAddressesOnLink, PlanBuilder plan)
    {
        var family = LocalAddressSet.FamilyOf(link.Address);
        if (family is null)
        {
            return;
        }

        var other = clusterAddressesOnLink.FirstOrDefault(c =>
            LocalAddressSet.FamilyOf(c.Address) is { } f && !string.Equals(f, family, StringComparison.Ordinal));
        if (other.Address is not null)
        {
            plan.Error(
                $"{link.OptionName}: '{link.Address}' is {family}, but {Owner(other.Node)} uses {LocalAddressSet.FamilyOf(other.Address)} "
                + $"'{other.Address}' on link {link.Number}; all nodes must use the same IP family on a link");
        }
    }

    /// <summary>
    /// The new node's link numbers must be exactly the cluster's (Proxmox: "link N exists in cluster
    /// config but wasn't specified for new node" and the reverse).
    /// </summary>
    public static void SameLinkNumbers(IEnumerable<int> given, IReadOnlyCollection<int> cluster, PlanBuilder plan)
    {
        var givenSet = given.ToHashSet();
        foreach (var missing in cluster.Where(n => !givenSet.Contains(n)).Order())
        {
            plan.Error(
                $"link {missing} exists in the cluster but no address was given for it (--link{missing}); "
                + $"the cluster's links are {Numbers(cluster)}");
        }

        foreach (var extra in givenSet.Where(n => !cluster.Contains(n)).Order())
        {
            plan.Error($"link{extra} was given but the cluster has no link {extra}; the cluster's links are {Numbers(cluster)}");
        }
    }

    /// <summary>"node 'x'", or the label as is for an address known only as the join peer's.</summary>
    public static string Owner(string node) => node.StartsWith("peer ", StringComparison.Ordinal) ? node : $"node '{node}'";

    public static string Numbers(IEnumerable<int> links) => string.Join(", ", links.Order());

    private static string Describe(LocalAddressSet local) =>
        local.Canonical.Count == 0 ? "none" : string.Join(", ", local.Canonical);
}
