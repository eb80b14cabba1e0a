using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Tests.CorosyncConf;

public class FactoryTests
{
    [Fact]
    public void Creates_the_config_pvecm_create_writes()
    {
        var config = CorosyncConfFactory.CreateInitial("testcluster", "uno", [new InitialLink(0, "10.10.10.1")]);

        Assert.Equal("""
            logging {
              debug: off
              to_syslog: yes
            }

            nodelist {
              node {
                name: uno
                nodeid: 1
                quorum_votes: 1
                ring0_addr: 10.10.10.1
              }
            }

            quorum {
              provider: corosync_votequorum
            }

            totem {
              cluster_name: testcluster
              config_version: 1
              ip_version: ipv4-6
              link_mode: passive
              secauth: on
              version: 2
              interface {
                linknumber: 0
              }
            }

            """, config.Write());
        Assert.Empty(CorosyncConfValidator.Validate(config));
    }

    [Fact]
    public void Priorities_are_written_only_when_given()
    {
        var config = CorosyncConfFactory.CreateInitial("c", "n",
            [new InitialLink(1, "10.20.20.1", 15), new InitialLink(0, "10.10.10.1", 20), new InitialLink(2, "10.30.30.1")], nodeId: 4, votes: 2);

        var interfaces = config.Totem!.Interfaces;
        Assert.Equal([0, 1, 2], interfaces.Select(i => i.LinkNumber!.Value));
        Assert.Equal([20, 15, null], interfaces.Select(i => i.KnetLinkPriority));
        Assert.Equal((4UL, 2UL), (config.Nodes[0].NodeId, config.Nodes[0].QuorumVotes));
        Assert.Equal(["ring0_addr", "ring1_addr", "ring2_addr"],
            config.Nodes[0].Section.Items.OfType<ConfValue>().Skip(3).Select(v => v.Key));
        Assert.Empty(CorosyncConfValidator.Validate(config));
    }

    [Fact]
    public void Refuses_bad_input()
    {
        Assert.Throws<CorosyncConfEditException>(() => CorosyncConfFactory.CreateInitial("c", "n", []));
        Assert.Throws<CorosyncConfEditException>(() => CorosyncConfFactory.CreateInitial("my cluster", "n", [new InitialLink(0, "10.0.0.1")]));
        Assert.Throws<CorosyncConfEditException>(() => CorosyncConfFactory.CreateInitial("c", "n", [new InitialLink(8, "10.0.0.1")]));
        Assert.Throws<CorosyncConfEditException>(() => CorosyncConfFactory.CreateInitial("c", "n", [new InitialLink(0, "10.0.0.1", 300)]));
        Assert.Throws<CorosyncConfEditException>(() =>
            CorosyncConfFactory.CreateInitial("c", "n", [new InitialLink(0, "10.0.0.1"), new InitialLink(0, "10.0.0.2")]));
        Assert.Throws<CorosyncConfEditException>(() =>
            CorosyncConfFactory.CreateInitial("c", "n", [new InitialLink(0, "10.0.0.1"), new InitialLink(1, "10.0.0.1")]));
        Assert.Throws<CorosyncConfEditException>(() => CorosyncConfFactory.CreateInitial("c", "n", [new InitialLink(0, "10.0.0.1")], nodeId: 0));
    }
}
