namespace PveCluster.Core.CorosyncConf;

/// <summary>A <c>nodelist.node</c> section.</summary>
public sealed class NodeView(ConfSection section)
{
    public const string SectionName = "node";
    private const string Path = "nodelist.node";

    public ConfSection Section { get; } = section ?? throw new ArgumentNullException(nameof(section));

    /// <summary>
    /// The node's name: its <c>name:</c>, or for older configurations without one its <c>ring0_addr</c>,
    /// which is how Proxmox reads such a node. Setting it writes <c>name:</c>.
    /// </summary>
    public string? Name
    {
        get => ConfiguredName ?? GetLinkAddress(0);
        set => ConfValues.Set(Section, "name", value);
    }

    /// <summary>The <c>name:</c> key itself; null when the node is known only by its ring0_addr.</summary>
    public string? ConfiguredName => Section.GetValue("name") is { Length: > 0 } name ? name : null;

    /// <summary>
    /// Writes <c>name:</c> (first in the block, as Proxmox writes it) for a node known only by its ring0_addr, so
    /// later changes to its addresses cannot change its identity. Returns true when it added the name.
    /// </summary>
    public bool PinName()
    {
        if (ConfiguredName is not null || Name is not { } name)
        {
            return false;
        }

        Section.Items.Insert(0, new ConfValue("name", name));
        return true;
    }

    public ulong? NodeId { get => ConfValues.GetUnsigned(Section, "nodeid", Path); set => ConfValues.Set(Section, "nodeid", value); }

    public ulong? QuorumVotes
    {
        get => ConfValues.GetUnsigned(Section, "quorum_votes", Path);
        set => ConfValues.Set(Section, "quorum_votes", value);
    }

    /// <summary>Addresses by link number, from the <c>ringN_addr</c> keys.</summary>
    public IReadOnlyDictionary<int, string> LinkAddresses
    {
        get
        {
            var result = new SortedDictionary<int, string>();
            foreach (var value in Section.Items.OfType<ConfValue>())
            {
                if (CorosyncLinks.TryParseAddressKey(value.Key, out var link))
                {
                    result[link] = value.Value;
                }
            }

            return result;
        }
    }

    public string? GetLinkAddress(int link) => Section.GetValue(CorosyncLinks.AddressKey(link));

    /// <summary>
    /// Sets or (with null) removes <c>ringN_addr</c>. A new key is placed after the lower-numbered
    /// ring addresses so the node block stays in link order.
    /// </summary>
    public void SetLinkAddress(int link, string? address)
    {
        var key = CorosyncLinks.AddressKey(link);
        if (address is null || Section.FindLastValue(key) is not null)
        {
            ConfValues.Set(Section, key, address);
            return;
        }

        var items = Section.Items;
        var insertAt = -1;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is ConfValue v && CorosyncLinks.TryParseAddressKey(v.Key, out var other) && other < link)
            {
                insertAt = i + 1;
            }
        }

        if (insertAt < 0)
        {
            Section.SetValue(key, address);
        }
        else
        {
            items.Insert(insertAt, new ConfValue(key, address));
        }
    }
}
