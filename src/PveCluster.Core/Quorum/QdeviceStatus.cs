namespace PveCluster.Core.Quorum;

/// <summary>The registered quorum device as votequorum reports it.</summary>
/// <param name="Name">The device name (<c>Qdevice</c> for corosync-qdevice).</param>
/// <param name="Votes">The votes it provides when it votes.</param>
public sealed record QdeviceStatus(string Name, int Votes);
