using System.Net;
using System.Net.Sockets;
using PveCluster.Core.Links;

namespace PveCluster.Lifecycle.Network;

/// <summary>
/// Link addresses given as host names are resolved when they are entered and only the IP is stored, as
/// Proxmox does since 5.1 (admin guide, "Corosync addresses"): a name that later resolves elsewhere must not
/// move a link without anyone noticing.
/// </summary>
public static class LinkNameResolution
{
    /// <summary>
    /// The links with every host name replaced by its address (the name kept in <see cref="LinkSpec.EnteredHostName"/>);
    /// <paramref name="familyOf"/> gives the IP family other nodes already use on a link, so a matching address is picked.
    /// </summary>
    /// <exception cref="LifecycleException">A name does not resolve to a usable address (usage error).</exception>
    public static async Task<IReadOnlyList<LinkSpec>> ResolveAsync(
        IReadOnlyList<LinkSpec> links, IHostNameResolver resolver, Func<int, AddressFamily?> familyOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(familyOf);
        var result = new List<LinkSpec>(links.Count);
        foreach (var link in links)
        {
            if (link.IsIpAddress)
            {
                result.Add(link);
                continue;
            }

            var address = await ResolveOneAsync(link.OptionName, link.Address, resolver, familyOf(link.Number), cancellationToken)
                .ConfigureAwait(false);
            result.Add(link with { Address = address, EnteredHostName = link.Address });
        }

        return result;
    }

    /// <summary>One address entered for <paramref name="what"/>: an IP is returned as is, a name is resolved.</summary>
    /// <exception cref="LifecycleException">The name does not resolve to a usable address (usage error).</exception>
    public static async Task<string> ResolveOneAsync(
        string what, string address, IHostNameResolver resolver, AddressFamily? family, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        if (LinkAddress.IsIpLiteral(address))
        {
            return address;
        }

        var found = await resolver.ResolveAsync(address, cancellationToken).ConfigureAwait(false);
        var usable = found
            .Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a)
            .Where(a => LinkAddress.UnusableIpProblem(a.ToString()) is null)
            .ToList();
        var chosen = family is { } f ? usable.FirstOrDefault(a => a.AddressFamily == f) : usable.FirstOrDefault();
        if (chosen is null)
        {
            var seen = found.Count == 0 ? "it does not resolve" : $"it resolves only to {string.Join(", ", found)}";
            var wanted = family is null ? "a usable unicast address" : $"an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address (the link's family)";
            throw LifecycleException.Usage($"{what}: host name '{address}' cannot be used: {seen}; a link needs {wanted}");
        }

        return chosen.ToString();
    }

    /// <summary>The family of an IP literal, or null for a host name.</summary>
    public static AddressFamily? FamilyOf(string? address) =>
        address is not null && IPAddress.TryParse(address, out var ip) && LinkAddress.IsIpLiteral(address) ? ip.AddressFamily : null;
}
