using Microsoft.AspNetCore.Http;
using PveCluster.Api.Cluster;
using PveCluster.Api.Envelope;
using PveCluster.Api.Proxy;

namespace PveCluster.Api.Tests.Proxy;

/// <summary>Who answers a /nodes/{node} request: here, another member, or a clear error.</summary>
public sealed class NodeRouteTests
{
    private static readonly MembersJson ThreeNodes = new("n1", 7, new MembersCluster("lab", 3, 3, 1), new Dictionary<string, MembersNode>
    {
        ["n1"] = new(1, 1, "10.0.0.1"),
        ["n2"] = new(2, 1, "10.0.0.2"),
        ["n3"] = new(3, 0, "10.0.0.3"),
        ["n4"] = new(4, 1, null),
    });

    [Theory]
    [InlineData("/api2/json/nodes/n2/network", "n2")]
    [InlineData("/api2/json/nodes/n2", "n2")]
    [InlineData("/API2/JSON/NODES/n2/tasks/x/log", "n2")]
    [InlineData("/api2/json/nodes/a%20b/network", "a b")]
    [InlineData("/api2/json/nodes/", null)]
    [InlineData("/api2/json/nodes", null)]
    [InlineData("/api2/json/cluster/config/nodes/n2", null)]
    [InlineData("/api2/json/access/ticket", null)]
    public void Only_paths_under_nodes_name_a_node(string path, string? node) =>
        Assert.Equal(node, NodeRoute.NodeOf(new PathString(path)));

    [Theory]
    [InlineData("n1")]
    [InlineData("N1")]
    [InlineData("localhost")]
    public void This_node_and_localhost_are_answered_here(string node) =>
        Assert.IsType<NodeTarget.Local>(NodeRoute.Decide(node, "n1", null, ThreeNodes));

    [Fact]
    public void This_node_is_answered_here_even_when_forwarded_and_standalone() =>
        Assert.IsType<NodeTarget.Local>(NodeRoute.Decide("n1", "n1", "n2", null));

    [Fact]
    public void An_online_member_gets_the_request_at_its_members_address() =>
        Assert.Equal(new NodeTarget.Remote("n2", "10.0.0.2"), NodeRoute.Decide("N2", "n1", null, ThreeNodes));

    [Fact]
    public void An_offline_member_is_595_at_once()
    {
        var error = Assert.Throws<ApiException>(() => NodeRoute.Decide("n3", "n1", null, ThreeNodes));
        Assert.Equal(NodeRoute.NodeUnreachable, error.StatusCode);
        Assert.Contains("node 'n3' is offline", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_without_address_is_595()
    {
        var error = Assert.Throws<ApiException>(() => NodeRoute.Decide("n4", "n1", null, ThreeNodes));
        Assert.Equal(NodeRoute.NodeUnreachable, error.StatusCode);
        Assert.Contains("no address known for node 'n4'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_node_is_404_naming_the_members()
    {
        var error = Assert.Throws<ApiException>(() => NodeRoute.Decide("n9", "n1", null, ThreeNodes));
        Assert.Equal(StatusCodes.Status404NotFound, error.StatusCode);
        Assert.Contains("no such cluster node 'n9' (members: n1, n2, n3, n4)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_cluster_every_other_node_is_unknown()
    {
        var standalone = new MembersJson("n1", 1, null, null);
        var error = Assert.Throws<ApiException>(() => NodeRoute.Decide("n2", "n1", null, standalone));
        Assert.Equal(StatusCodes.Status404NotFound, error.StatusCode);
        Assert.Throws<ApiException>(() => NodeRoute.Decide("n2", "n1", null, null));
    }

    [Fact]
    public void A_request_already_forwarded_is_never_forwarded_again()
    {
        var error = Assert.Throws<ApiException>(() => NodeRoute.Decide("n2", "n1", "n3", ThreeNodes));
        Assert.Equal(StatusCodes.Status508LoopDetected, error.StatusCode);
        Assert.Contains("forwarded here by node 'n3'", error.Message, StringComparison.Ordinal);
    }
}
