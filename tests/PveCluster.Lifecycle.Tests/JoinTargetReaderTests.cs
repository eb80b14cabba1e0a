using System.Text.Json.Nodes;
using PveCluster.Core.Lifecycle;
using PveCluster.Lifecycle.Join;

namespace PveCluster.Lifecycle.Tests;

public sealed class JoinTargetReaderTests
{
    [Fact]
    public void Links_come_from_totem_interfaces_and_every_ring_address()
    {
        var info = JsonNode.Parse("""
            {
              "nodelist": [
                { "name": "pve1", "nodeid": "1", "ring0_addr": "192.0.2.11", "ring1_addr": "10.9.0.11", "pve_addr": "192.0.2.11" },
                { "name": "pve2", "nodeid": "2", "ring0_addr": "192.0.2.12", "ring2_addr": "10.8.0.12" }
              ],
              "totem": { "cluster_name": "prod", "interface": { "0": { "linknumber": "0" }, "1": { "linknumber": "1" } } }
            }
            """)!.AsObject();

        var target = JoinTargetReader.Read(info, "192.0.2.11");

        Assert.Equal("prod", target.ClusterName);
        Assert.Equal([0, 1, 2], target.LinkNumbers);
        Assert.Equal(["pve1", "pve2"], target.NodeNames);
        Assert.Contains(new ClusterNodeAddress("pve2", 2, "10.8.0.12"), target.NodeAddresses);
        Assert.DoesNotContain(target.NodeAddresses, a => a.Address == "192.0.2.11" && a.Link != 0);
    }

    [Fact]
    public void An_answer_without_totem_is_rejected()
    {
        var error = Assert.Throws<PeerApiException>(() => JoinTargetReader.Read(new JsonObject { ["nodelist"] = new JsonArray() }, "h"));
        Assert.Contains("no totem or nodelist", error.Message, StringComparison.Ordinal);
    }
}
