namespace PveCluster.Core.Quorum;

/// <summary>The <c>VOTEQUORUM_INFO_*</c> bits of <c>votequorum_info.flags</c> (corosync votequorum.h).</summary>
[Flags]
#pragma warning disable CA1711 // The C API calls these "flags"; keeping the word helps grepping.
public enum VotequorumFlags : uint
#pragma warning restore CA1711
{
    None = 0,
    TwoNode = 1,
    Quorate = 2,
    WaitForAll = 4,
    LastManStanding = 8,
    AutoTieBreaker = 16,
    AllowDownscale = 32,
    QdeviceRegistered = 64,
    QdeviceAlive = 128,
    QdeviceCastVote = 256,
    QdeviceMasterWins = 512,
}
