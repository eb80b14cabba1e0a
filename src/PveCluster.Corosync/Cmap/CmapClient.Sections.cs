namespace PveCluster.Corosync.Cmap;

public sealed partial class CmapClient
{
    /// <summary>The <c>totem.*</c> configuration keys (cluster name, config version, transport, ...).</summary>
    public TotemInfo ReadTotem() => CmapSections.ToTotem(GetPrefix("totem."));

    /// <summary>The configured nodes (<c>nodelist.node.*</c>) in nodelist order.</summary>
    public IReadOnlyList<CmapNodelistNode> ReadNodelist() => CmapSections.ToNodelist(GetPrefix("nodelist.node."));

    /// <summary>Every node corosync has seen since it started (<c>runtime.members.*</c>), by node id.</summary>
    public IReadOnlyList<RuntimeMember> ReadRuntimeMembers() => CmapSections.ToRuntimeMembers(GetPrefix("runtime.members."));

    /// <summary>knet link state per peer and link. Only valid on a client connected to <see cref="CmapMap.Stats"/>.</summary>
    public IReadOnlyList<KnetLinkStats> ReadKnetLinks() => CmapSections.ToKnetLinks(GetPrefix("stats.knet."));
}
