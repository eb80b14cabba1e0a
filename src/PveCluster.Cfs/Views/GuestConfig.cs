namespace PveCluster.Cfs.Views;

/// <summary>The kind of guest a config file describes, by the directory it lives in.</summary>
internal enum GuestType
{
    Qemu,
    Lxc,
}

/// <summary>One guest config found in the tree: nodes/&lt;Node&gt;/{qemu-server,lxc}/&lt;VmId&gt;.conf.</summary>
internal sealed record GuestConfig(uint VmId, string Node, GuestType Type, ulong Version);
