using System.Net;

namespace PveCluster.Lab.Network;

/// <summary>
/// Addresses of one lab inside 198.18.0.0/15 (RFC 2544 benchmarking space, never routed):
/// link0 = 198.18.k.0/24, link1 = 198.19.k.0/24; node I is .I and the host's bridge is .254.
/// </summary>
public sealed class LabAddressing
{
    public const int PrefixLength = 24;
    public const int HostOctet = 254;

    /// <summary>lab.sh owns 198.18.0.0/24 and 198.18.1.0/24; pvelab never hands those out.</summary>
    public const int FirstSubnetIndex = 2;
    public const int LastSubnetIndex = 253;

    public LabAddressing(int subnetIndex)
    {
        if (subnetIndex is < FirstSubnetIndex or > LastSubnetIndex)
        {
            throw new LabException($"subnet index {subnetIndex} outside {FirstSubnetIndex}..{LastSubnetIndex}");
        }
        SubnetIndex = subnetIndex;
    }

    public int SubnetIndex { get; }

    public IPAddress Node(int node, int link) => Address(link, node);

    public IPAddress Host(int link) => Address(link, HostOctet);

    /// <summary>The /24 of a link, e.g. "198.18.7.0/24".</summary>
    public string Subnet(int link) => $"{Address(link, 0)}/{PrefixLength}";

    private IPAddress Address(int link, int last) => link switch
    {
        0 => new IPAddress([198, 18, (byte)SubnetIndex, (byte)last]),
        1 => new IPAddress([198, 19, (byte)SubnetIndex, (byte)last]),
        _ => throw new ArgumentOutOfRangeException(nameof(link), link, "links are 0 and 1"),
    };
}
