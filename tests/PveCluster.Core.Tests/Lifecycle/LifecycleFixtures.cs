using PveCluster.Core.CorosyncConf;
using PveCluster.Core.Lifecycle;
using PveCluster.Core.Links;

namespace PveCluster.Core.Tests.Lifecycle;

/// <summary>Inputs shared by the lifecycle planner tests.</summary>
internal static class LifecycleFixtures
{
    public const string ThreeNodesTwoLinks = """
        logging {
          to_syslog: yes
        }

        nodelist {
          node {
            name: alpha
            nodeid: 1
            quorum_votes: 1
            ring0_addr: 10.0.0.1
            ring1_addr: 10.1.0.1
          }
          node {
            name: beta
            nodeid: 2
            quorum_votes: 1
            ring0_addr: 10.0.0.2
            ring1_addr: 10.1.0.2
          }
          node {
            name: gamma
            nodeid: 3
            quorum_votes: 1
            ring0_addr: 10.0.0.3
            ring1_addr: 10.1.0.3
          }
        }

        quorum {
          provider: corosync_votequorum
        }

        totem {
          cluster_name: test
          config_version: 7
          ip_version: ipv4-6
          link_mode: passive
          secauth: on
          version: 2
          interface {
            linknumber: 0
          }
          interface {
            linknumber: 1
          }
        }

        """;

    public static CorosyncConfig ThreeTwoLinks() => CorosyncConfig.Parse(ThreeNodesTwoLinks);

    /// <summary>A cluster of <paramref name="count"/> nodes n1..nN with one link 10.0.0.N.</summary>
    public static CorosyncConfig Cluster(int count, int configVersion = 3)
    {
        var config = CorosyncConfFactory.CreateInitial("test", "n1", [new InitialLink(0, "10.0.0.1")]);
        for (var i = 2; i <= count; i++)
        {
            config = CorosyncConfEditor.AddNode(config, $"n{i}", new Dictionary<int, string> { [0] = $"10.0.0.{i}" });
        }

        config.Totem!.ConfigVersion = (ulong)configVersion;
        return config;
    }

    /// <summary>The config with <c>two_node: 1</c>, as older versions of the planners wrote it for two nodes.</summary>
    public static CorosyncConfig WithTwoNode(CorosyncConfig config)
    {
        var copy = config.Clone();
        copy.Quorum!.TwoNode = true;
        return copy;
    }

    public static CorosyncConfig WithQdevice(CorosyncConfig config) =>
        CorosyncConfEditor.SetQuorumDevice(config, new QuorumDeviceSettings("192.0.2.50"));

    public static LocalAddressSet Local(params string[] addresses) => new(addresses);

    public static LinkSpec Link(int number, string address, int? priority = null) => new(number, address, priority);
}
