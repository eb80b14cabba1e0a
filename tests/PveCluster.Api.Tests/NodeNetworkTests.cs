using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace PveCluster.Api.Tests;

public sealed class NodeNetworkTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Lists_the_live_interfaces_without_loopback()
    {
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "nodes/localhost/network");

        Assert.Equal(HttpStatusCode.OK, status);
        var listed = body["data"]!.AsArray().ToDictionary(i => i!["iface"]!.GetValue<string>(), i => i!);
        var expected = NetworkInterface.GetAllNetworkInterfaces().Where(i => i.NetworkInterfaceType != NetworkInterfaceType.Loopback).ToList();
        Assert.Equal(expected.Select(i => i.Name).Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("lo", listed.Keys);

        foreach (var nic in expected)
        {
            var v4 = nic.GetIPProperties().UnicastAddresses.FirstOrDefault(a => a.Address.AddressFamily == AddressFamily.InterNetwork);
            if (v4 is null)
            {
                continue;
            }

            var entry = listed[nic.Name];
            Assert.Equal(v4.Address.ToString(), entry["address"]!.GetValue<string>());
            Assert.Equal($"{v4.Address}/{v4.PrefixLength}", entry["cidr"]!.GetValue<string>());
            Assert.Contains("inet", entry["families"]!.AsArray().Select(f => f!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Own_node_name_works_like_localhost()
    {
        using var client = server.RootClient();
        var (status, _) = await ApiServerFixture.GetAsync(client, $"nodes/{ApiServerFixture.NodeName}/network");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Another_node_of_a_standalone_node_is_unknown_and_says_so()
    {
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "nodes/pve9/network");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("no such cluster node 'pve9'", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
