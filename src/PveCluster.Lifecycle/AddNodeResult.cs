using PveCluster.Core.Lifecycle;

namespace PveCluster.Lifecycle;

/// <summary>The plan that was carried out (its corosync.conf, node id, warnings) and, when asked for, the authkey.</summary>
public sealed record AddNodeResult(AddNodePlan Plan, byte[]? AuthKey);
