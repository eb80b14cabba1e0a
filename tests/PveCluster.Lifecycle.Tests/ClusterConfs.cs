namespace PveCluster.Lifecycle.Tests;

/// <summary>corosync.conf texts of a three-node cluster 'prod' (n1..n3, one link).</summary>
public static class ClusterConfs
{
    public const string ThreeNodes = """
        logging {
          debug: off
          to_syslog: yes
        }

        nodelist {
          node {
            name: pve1
            nodeid: 1
            quorum_votes: 1
            ring0_addr: 192.0.2.11
          }
          node {
            name: pve2
            nodeid: 2
            quorum_votes: 1
            ring0_addr: 192.0.2.12
          }
          node {
            name: pve3
            nodeid: 3
            quorum_votes: 1
            ring0_addr: 192.0.2.13
          }
        }

        quorum {
          provider: corosync_votequorum
        }

        totem {
          cluster_name: prod
          config_version: 3
          interface {
            linknumber: 0
          }
          ip_version: ipv4-6
          link_mode: passive
          secauth: on
          version: 2
        }

        """;
}
