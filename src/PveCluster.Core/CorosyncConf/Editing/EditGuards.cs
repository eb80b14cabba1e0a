namespace PveCluster.Core.CorosyncConf;

/// <summary>Input checks shared by the edit operations; each failure is a <see cref="CorosyncConfEditException"/>.</summary>
internal static class EditGuards
{
    /// <summary>
    /// Only what corosync.conf itself needs (one token, no syntax characters). The full node and
    /// cluster naming rules live with the name validation code, not here.
    /// </summary>
    public static void PlainToken(string? value, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new CorosyncConfEditException($"The {what} must not be empty.");
        }

        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '{' or '}' or '#' or ':'))
        {
            throw new CorosyncConfEditException(
                $"The {what} '{value}' contains whitespace or one of '{{', '}}', '#', ':', which corosync.conf cannot hold.");
        }
    }

    public static void Address(string? address, string what)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            throw new CorosyncConfEditException($"The address for {what} must not be empty.");
        }

        if (address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '{' or '}' or '#'))
        {
            throw new CorosyncConfEditException($"'{address}' ({what}) is not a valid address.");
        }
    }

    public static void LinkNumber(int link)
    {
        if (!CorosyncLinks.IsValidLinkNumber(link))
        {
            throw new CorosyncConfEditException($"Link {link} does not exist: link numbers go from 0 to {CorosyncLinks.MaxLinkNumber}.");
        }
    }

    public static void Priority(int? priority, int link)
    {
        if (priority is < 0 or > 255)
        {
            throw new CorosyncConfEditException($"The priority of link {link} must be from 0 to 255, not {priority}.");
        }
    }

    public static void AddressNotUsed(CorosyncConfig config, string address, string? exceptNode = null, int? exceptLink = null)
    {
        foreach (var node in config.Nodes)
        {
            foreach (var (link, existing) in node.LinkAddresses)
            {
                var isExempt = string.Equals(node.Name, exceptNode, StringComparison.OrdinalIgnoreCase) && link == exceptLink;
                if (!isExempt && string.Equals(existing, address, StringComparison.OrdinalIgnoreCase))
                {
                    throw new CorosyncConfEditException(
                        $"The address '{address}' is already used by node '{node.Name}' on link {link}; link addresses must be unique.");
                }
            }
        }
    }

    public static NodeView ExistingNode(CorosyncConfig config, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return config.FindNode(name)
            ?? throw new CorosyncConfEditException(
                $"There is no node '{name}' in the nodelist (known nodes: {string.Join(", ", config.Nodes.Select(n => n.Name))}).");
    }

    public static TotemView Totem(CorosyncConfig config) =>
        config.Totem ?? throw new CorosyncConfEditException("corosync.conf has no 'totem' section; it cannot be edited safely.");

    /// <summary>Links currently in use: declared interfaces plus every ringN_addr of every node.</summary>
    public static SortedSet<int> UsedLinks(CorosyncConfig config)
    {
        var links = new SortedSet<int>(config.Nodes.SelectMany(n => n.LinkAddresses.Keys));
        foreach (var face in config.Totem?.Interfaces ?? [])
        {
            if (face.TryGetLinkNumber(out var link))
            {
                links.Add(link);
            }
        }

        return links;
    }
}
