namespace PveCluster.Core.Quorum;

/// <summary>A requested quorum change that corosync or Proxmox would refuse.</summary>
public sealed class QuorumRuleException : InvalidOperationException
{
    public QuorumRuleException()
    {
    }

    public QuorumRuleException(string message)
        : base(message)
    {
    }

    public QuorumRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
