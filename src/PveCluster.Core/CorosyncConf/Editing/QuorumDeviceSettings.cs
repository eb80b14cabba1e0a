namespace PveCluster.Core.CorosyncConf;

/// <summary>
/// A corosync-qnetd quorum device as <c>pvecm qdevice setup</c> writes it.
/// <paramref name="Algorithm"/> is <c>ffsplit</c> or <c>lms</c>; <paramref name="Tls"/> is <c>on</c>, <c>off</c> or
/// <c>required</c>; <paramref name="TieBreaker"/> is <c>lowest</c>, <c>highest</c>, a node id, or null for the default.
/// </summary>
public sealed record QuorumDeviceSettings(
    string Host,
    string Algorithm = "ffsplit",
    string Tls = "on",
    ulong Votes = 1,
    string? TieBreaker = null,
    ulong? Timeout = null,
    ulong? SyncTimeout = null);
