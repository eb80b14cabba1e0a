namespace PveCluster.Core.Guests;

/// <summary>The kind of guest, by the directory its config lives in: <c>qemu-server</c> (VM) or <c>lxc</c> (container).</summary>
public enum GuestType
{
    Qemu,
    Lxc,
}
