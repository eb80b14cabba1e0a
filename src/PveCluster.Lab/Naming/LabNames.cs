using System.Globalization;

namespace PveCluster.Lab.Naming;

/// <summary>
/// Every kernel object name of one lab. All start with "pvl" + the run id, so they never collide
/// with lab.sh (lab*, labbr*) or another pvelab run, and fit Linux's 15-character interface limit.
/// </summary>
public sealed class LabNames
{
    public const string Prefix = "pvl";
    public const int IdLength = 5;

    public LabNames(string id)
    {
        if (!IsValidId(id))
        {
            throw new LabException($"invalid lab id '{id}' (expected {IdLength} lowercase hex digits)");
        }
        Id = id;
    }

    public string Id { get; }

    /// <summary>Network namespace of node <paramref name="node"/> (file in /run/netns).</summary>
    public string Netns(int node) => $"{Prefix}{Id}n{N(node)}";

    /// <summary>Bridge that carries knet link <paramref name="link"/>.</summary>
    public string Bridge(int link) => $"{Prefix}{Id}b{N(link)}";

    /// <summary>Host end of node <paramref name="node"/>'s veth on link <paramref name="link"/> (at most 13 chars).</summary>
    public string HostVeth(int node, int link) => $"{Prefix}{Id}n{N(node)}l{N(link)}";

    /// <summary>Interface name inside the node: eth0 for link0, eth1 for link1, like a real host.</summary>
    public static string NodeInterface(int link) => $"eth{N(link)}";

    /// <summary>Host name of node <paramref name="node"/> (also its corosync node name).</summary>
    public static string NodeName(int node) => $"n{N(node)}";

    /// <summary>
    /// Host number of the lab's external QDevice arbiter (corosync-qnetd): above every node number
    /// (<see cref="LabOptions.MaxNodes"/>), so it gets .100 on link0 and names of its own.
    /// </summary>
    public const int QnetdHost = 100;

    /// <summary>Host name of a lab host: nI for cluster nodes, "qnetd" for the arbiter.</summary>
    public static string HostName(int host) => host == QnetdHost ? "qnetd" : NodeName(host);

    public static bool IsValidId(string id) =>
        id.Length == IdLength && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    public static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))[..IdLength];

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
