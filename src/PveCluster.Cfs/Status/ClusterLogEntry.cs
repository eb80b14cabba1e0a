namespace PveCluster.Cfs.Status;

/// <summary>
/// One cluster log line. <see cref="Priority"/> is the syslog severity (0 emerg .. 7 debug);
/// <see cref="Time"/> is seconds since the Unix epoch; <see cref="Uid"/> a sequence number of the process that made it.
/// <see cref="Node"/>, <see cref="Pid"/>, <see cref="Uid"/> and <see cref="Time"/> together identify an entry cluster-wide.
/// </summary>
public sealed record ClusterLogEntry(
    ulong Uid,
    long Time,
    int Priority,
    string Tag,
    int Pid,
    string Node,
    string User,
    string Message);
