using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace PveCluster.Core.CorosyncConf;

public static partial class CorosyncConfValidator
{
    private sealed record NodeFacts(ConfSection Section, string Label, string? Name, ulong? NodeId, SortedDictionary<int, ConfValue> Links);

    private enum AddressKind
    {
        IPv4,
        IPv6,
        HostName,
        Invalid,
    }

    private static List<NodeFacts> ValidateNodes(ConfSection nodelist, DiagnosticBag bag)
    {
        var nodes = nodelist.Sections(NodeView.SectionName).Select((section, index) => ReadNode(section, index, bag)).ToList();
        if (nodes.Count == 0)
        {
            bag.Error("The nodelist has no 'node' entries; a cluster needs at least one node.", nodelist);
            return nodes;
        }

        CheckUnique(nodes, n => n.Name, StringComparer.OrdinalIgnoreCase, "name", n => n.Section.FindLastValue("name"), bag);
        CheckUnique(nodes, n => n.NodeId?.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal, "nodeid",
            n => n.Section.FindLastValue("nodeid"), bag);
        CheckAddressesUnique(nodes, bag);
        CheckSameLinks(nodes, bag);
        CheckAddressFamilies(nodes, bag);
        return nodes;
    }

    private static NodeFacts ReadNode(ConfSection section, int index, DiagnosticBag bag)
    {
        const string Path = "nodelist.node";
        var view = new NodeView(section);
        var name = view.Name;
        var label = name is { Length: > 0 } ? $"node '{name}'" : $"node #{index + 1}";
        if (view.ConfiguredName is null && name is { Length: > 0 })
        {
            // Older configurations: Proxmox takes ring0_addr as the name; editing through pvecm adds 'name:'.
            bag.Warning($"{label} has no 'name:'; its ring0_addr '{name}' is taken as its name. Add 'name:' with the node's "
                + "host name before changing its ring0_addr, or the node loses its identity.", section);
        }
        else if (name is null || name.Length == 0)
        {
            bag.Error($"{label} has neither a name nor a ring0_addr; every node needs 'name:' matching its host name.", section);
        }

        ulong? nodeId = null;
        var idValue = section.FindLastValue("nodeid");
        if (idValue is null)
        {
            bag.Error($"{label} has no nodeid; every node needs a unique 'nodeid:' greater than 0.", section);
        }
        else if (!ConfValues.TryParseUnsigned(idValue.Value, out var id) || id == 0 || id > uint.MaxValue)
        {
            bag.Error($"{label} has nodeid '{idValue.Value}'; a nodeid must be an integer from 1 to {uint.MaxValue}.", idValue);
        }
        else
        {
            nodeId = id;
        }

        bag.CheckUnsigned(section, Path, "quorum_votes");
        return new NodeFacts(section, label, name, nodeId, ReadLinks(section, label, bag));
    }

    private static SortedDictionary<int, ConfValue> ReadLinks(ConfSection node, string label, DiagnosticBag bag)
    {
        var links = new SortedDictionary<int, ConfValue>();
        foreach (var value in node.Items.OfType<ConfValue>())
        {
            if (CorosyncLinks.IsMistakenLinkKey(value.Key))
            {
                bag.Error($"{label}: '{value.Key}' is not a corosync key; a node's address on link N is written 'ringN_addr'.", value);
            }
            else if (CorosyncLinks.TryParseAddressKey(value.Key, out var link))
            {
                if (!CorosyncLinks.IsValidLinkNumber(link))
                {
                    bag.Error($"{label}: '{value.Key}' uses link {link}, but only links 0 to {CorosyncLinks.MaxLinkNumber} exist.", value);
                }
                else if (links.ContainsKey(link))
                {
                    bag.Warning($"{label}: '{value.Key}' is given twice; corosync uses the last one ('{value.Value}').", value);
                    links[link] = value;
                }
                else
                {
                    links[link] = value;
                }
            }
        }

        if (links.Count == 0)
        {
            bag.Error($"{label} has no address; add 'ring0_addr:' with the node's IP on link 0.", node);
        }

        return links;
    }

    private static void CheckUnique(
        List<NodeFacts> nodes, Func<NodeFacts, string?> key, StringComparer comparer, string what,
        Func<NodeFacts, ConfItem?> at, DiagnosticBag bag)
    {
        var seen = new Dictionary<string, NodeFacts>(comparer);
        foreach (var node in nodes)
        {
            var value = key(node);
            if (value is null)
            {
                continue;
            }

            if (!seen.TryAdd(value, node))
            {
                bag.Error($"Duplicate {what} '{value}': {seen[value].Label} and {node.Label} both use it; it must be unique.", at(node));
            }
        }
    }

    private static void CheckAddressesUnique(List<NodeFacts> nodes, DiagnosticBag bag)
    {
        var seen = new Dictionary<string, (NodeFacts Node, int Link)>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in nodes)
        {
            foreach (var (link, value) in node.Links)
            {
                var address = NormalizeAddress(value.Value);
                if (!seen.TryAdd(address, (node, link)))
                {
                    var first = seen[address];
                    bag.Error($"Address '{value.Value}' is used twice ({first.Node.Label} link {first.Link} and {node.Label} link {link}); "
                        + "every link address must be unique.", value);
                }
            }
        }
    }

    private static string NormalizeAddress(string address) =>
        IPAddress.TryParse(address, out var ip) && ClassifyAddress(address) != AddressKind.Invalid ? ip.ToString() : address;

    private static void CheckSameLinks(List<NodeFacts> nodes, DiagnosticBag bag)
    {
        var allLinks = nodes.SelectMany(n => n.Links.Keys).ToHashSet();
        foreach (var node in nodes.Where(n => n.Links.Count > 0))
        {
            var missing = allLinks.Where(l => !node.Links.ContainsKey(l)).Order().ToList();
            if (missing.Count > 0)
            {
                var keys = string.Join(", ", missing.Select(CorosyncLinks.AddressKey));
                bag.Error($"{node.Label} has no address for link(s) {string.Join(", ", missing)}, which other nodes use; "
                    + $"add {keys} or remove the link from all nodes. All nodes must have the same links.", node.Section);
            }
        }
    }

    private static void CheckAddressFamilies(List<NodeFacts> nodes, DiagnosticBag bag)
    {
        var byLink = nodes.SelectMany(n => n.Links.Select(l => (Node: n, Link: l.Key, Value: l.Value))).GroupBy(x => x.Link);
        foreach (var link in byLink.OrderBy(g => g.Key))
        {
            var kinds = new HashSet<AddressKind>();
            foreach (var (node, _, value) in link)
            {
                var kind = ClassifyAddress(value.Value);
                kinds.Add(kind);
                if (kind == AddressKind.Invalid)
                {
                    bag.Error($"{node.Label}: '{value.Value}' ({value.Key}) is neither a valid IP address nor a valid host name.", value);
                }
                else if (kind == AddressKind.HostName)
                {
                    bag.Warning($"{node.Label}: {value.Key} is the host name '{value.Value}'. IP addresses are recommended: a host name "
                        + "can start resolving to another address (IPv6 first by default) without corosync noticing.", value);
                }
            }

            if (kinds.Contains(AddressKind.IPv4) && kinds.Contains(AddressKind.IPv6))
            {
                var list = string.Join(", ", link.Select(x => $"{x.Node.Label}={x.Value.Value}"));
                bag.Error($"Link {link.Key} mixes IPv4 and IPv6 addresses ({list}); all addresses of one link must be the same IP family.",
                    link.First().Value);
            }
        }
    }

    private static AddressKind ClassifyAddress(string address)
    {
        if (address.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(address, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
                ? AddressKind.IPv6
                : AddressKind.Invalid;
        }

        // IPAddress.TryParse also takes shorthand like "10.1" (= 10.0.0.1); only the dotted quad is a real IPv4 address here.
        if (DottedQuad().IsMatch(address))
        {
            return IPAddress.TryParse(address, out _) ? AddressKind.IPv4 : AddressKind.Invalid;
        }

        if (address.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            return AddressKind.Invalid;
        }

        return HostName().IsMatch(address) && address.Length <= 253 ? AddressKind.HostName : AddressKind.Invalid;
    }

    [GeneratedRegex(@"^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$")]
    private static partial Regex DottedQuad();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostName();

    private static void ValidateLinkDeclarations(
        Dictionary<int, ConfSection> declared, List<NodeFacts> nodes, ConfSection nodelist, DiagnosticBag bag)
    {
        var used = nodes.SelectMany(n => n.Links.Keys).Where(CorosyncLinks.IsValidLinkNumber).ToHashSet();
        foreach (var link in used.Where(l => !declared.ContainsKey(l)).Order())
        {
            bag.Error($"Link {link} is used by the nodes ({CorosyncLinks.AddressKey(link)}) but has no 'interface {{ linknumber: {link} }}' "
                + "in the totem section; declare one interface per link.", nodelist);
        }

        foreach (var (link, section) in declared.Where(d => !used.Contains(d.Key)).OrderBy(d => d.Key))
        {
            bag.Warning($"totem interface for link {link} is declared but no node has a {CorosyncLinks.AddressKey(link)}; "
                + "the link is unused.", section);
        }
    }
}
