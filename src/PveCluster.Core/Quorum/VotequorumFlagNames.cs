using System.Text;

namespace PveCluster.Core.Quorum;

/// <summary>Names for <see cref="VotequorumFlags"/> as corosync-quorumtool prints them.</summary>
public static class VotequorumFlagNames
{
    // Order and spelling follow corosync-quorumtool, which prints the bits in ascending order.
    private static readonly (VotequorumFlags Flag, string Name)[] Names =
    [
        (VotequorumFlags.TwoNode, "2Node"),
        (VotequorumFlags.Quorate, "Quorate"),
        (VotequorumFlags.WaitForAll, "WaitForAll"),
        (VotequorumFlags.LastManStanding, "LastManStanding"),
        (VotequorumFlags.AutoTieBreaker, "AutoTieBreaker"),
        (VotequorumFlags.AllowDownscale, "AllowDownscale"),
        (VotequorumFlags.QdeviceRegistered, "Qdevice"),
        (VotequorumFlags.QdeviceAlive, "QdeviceAlive"),
        (VotequorumFlags.QdeviceCastVote, "QdeviceCastVote"),
        (VotequorumFlags.QdeviceMasterWins, "QdeviceMasterWins"),
    ];

    /// <summary>The name of every set bit, lowest bit first (all ten known bits).</summary>
    public static IReadOnlyList<string> Describe(VotequorumFlags flags) =>
        [.. Names.Where(n => flags.HasFlag(n.Flag)).Select(n => n.Name)];

    /// <summary>Parses names produced by <see cref="Describe"/> back into flags.</summary>
    /// <exception cref="FormatException">An unknown name.</exception>
    public static VotequorumFlags Parse(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var flags = VotequorumFlags.None;
        foreach (var name in names)
        {
            var match = Names.FirstOrDefault(n => n.Name == name);
            if (match.Name is null)
            {
                throw new FormatException($"unknown votequorum flag '{name}'");
            }

            flags |= match.Flag;
        }

        return flags;
    }

    /// <summary>
    /// The value of the <c>Flags:</c> line exactly as corosync-quorumtool prints it: each name
    /// followed by one space. Only the node-wide bits up to <c>Qdevice</c> are shown there; the
    /// per-node qdevice bits go into the member table's <c>A,V,NMW</c> column instead.
    /// </summary>
    public static string FormatQuorumtoolLine(VotequorumFlags flags)
    {
        var text = new StringBuilder();
        foreach (var (flag, name) in Names)
        {
            if (flag <= VotequorumFlags.QdeviceRegistered && flags.HasFlag(flag))
            {
                text.Append(name).Append(' ');
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The member-table qdevice state, for example <c>A,V,NMW</c>: alive or not (A/NA), casting a
    /// vote or not (V/NV), master-wins or not (MW/NMW); <c>NR</c> when no qdevice is registered.
    /// </summary>
    public static string FormatQdeviceState(VotequorumFlags nodeFlags)
    {
        if (!nodeFlags.HasFlag(VotequorumFlags.QdeviceRegistered))
        {
            return "NR";
        }

        return string.Join(
            ',',
            nodeFlags.HasFlag(VotequorumFlags.QdeviceAlive) ? "A" : "NA",
            nodeFlags.HasFlag(VotequorumFlags.QdeviceCastVote) ? "V" : "NV",
            nodeFlags.HasFlag(VotequorumFlags.QdeviceMasterWins) ? "MW" : "NMW");
    }
}
