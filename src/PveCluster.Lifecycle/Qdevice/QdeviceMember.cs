namespace PveCluster.Lifecycle.Qdevice;

/// <summary>A cluster node as the QDevice steps reach it: by its first link address, or directly when it is this node.</summary>
public sealed record QdeviceMember(string Name, string Address, bool IsLocal);
