namespace PveCluster.Lab.State;

/// <summary>A daemon the lab started: signalled only while /proc/PID/comm still equals <see cref="Comm"/>.</summary>
public sealed record LabProcess(int Node, string Name, int Pid, string Comm)
{
    /// <summary>The reserved name of the corosync daemon of a node.</summary>
    public const string CorosyncName = "corosync";
}
