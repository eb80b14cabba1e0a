namespace PveCluster.Core.Quorum;

/// <summary>The outcome of planning <c>pvecm qdevice setup</c>.</summary>
/// <param name="Settings">The quorum device to configure.</param>
/// <param name="NewConfig">The votequorum config after the change (two_node dropped, device added).</param>
/// <param name="ExpectedVotes">Expected votes afterwards.</param>
/// <param name="Quorum">Quorum afterwards.</param>
/// <param name="Warnings">Consequences the operator should read.</param>
public sealed record QdevicePlan(
    QdeviceSettings Settings,
    VotequorumConfig NewConfig,
    int ExpectedVotes,
    int Quorum,
    IReadOnlyList<string> Warnings);
