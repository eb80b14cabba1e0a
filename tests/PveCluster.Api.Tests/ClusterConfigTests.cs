using System.Net;
using System.Security.Cryptography;
using System.Text;
using PveCluster.Core.Certificates;
using PveCluster.Core.JoinInfo;

namespace PveCluster.Api.Tests;

public sealed class ClusterConfigTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>, IDisposable
{
    private const string CorosyncConf = """
        logging {
          debug: off
          to_syslog: yes
        }

        nodelist {
          node {
            name: testnode
            nodeid: 1
            quorum_votes: 1
            ring0_addr: 127.0.0.1
            ring1_addr: 10.9.0.1
          }
          node {
            name: pve2
            nodeid: 2
            quorum_votes: 1
            ring0_addr: 192.0.2.12
            ring1_addr: 10.9.0.2
          }
        }

        quorum {
          provider: corosync_votequorum
        }

        totem {
          cluster_name: lab
          config_version: 3
          interface {
            linknumber: 0
          }
          interface {
            knet_link_priority: 10
            linknumber: 1
          }
          ip_version: ipv4-6
          link_mode: passive
          secauth: on
          version: 2
        }
        """;

    public void Dispose() => File.Delete(server.PveDir.CorosyncConf);

    [Fact]
    public async Task Join_info_on_a_standalone_node_is_424_with_the_proxmox_message()
    {
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "cluster/config/join");
        Assert.Equal(HttpStatusCode.FailedDependency, status);
        Assert.Equal("node is not in a cluster, no join info available!\n", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Standalone_node_has_no_config_nodes_and_empty_totem()
    {
        using var client = server.RootClient();
        var (_, nodes) = await ApiServerFixture.GetAsync(client, "cluster/config/nodes");
        Assert.Empty(nodes["data"]!.AsArray());
        var (_, totem) = await ApiServerFixture.GetAsync(client, "cluster/config/totem");
        Assert.Empty(totem["data"]!.AsObject());
    }

    [Fact]
    public async Task Nodes_come_from_corosync_conf_with_string_values()
    {
        await File.WriteAllTextAsync(server.PveDir.CorosyncConf, CorosyncConf);
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "cluster/config/nodes");

        Assert.Equal(HttpStatusCode.OK, status);
        var nodes = body["data"]!.AsArray();
        Assert.Equal(2, nodes.Count);
        Assert.Equal("pve2", nodes[1]!["node"]!.GetValue<string>());
        Assert.Equal("pve2", nodes[1]!["name"]!.GetValue<string>());
        Assert.Equal("2", nodes[1]!["nodeid"]!.GetValue<string>());
        Assert.Equal("1", nodes[1]!["quorum_votes"]!.GetValue<string>());
        Assert.Equal("10.9.0.2", nodes[1]!["ring1_addr"]!.GetValue<string>());
    }

    [Fact]
    public async Task Totem_has_interfaces_keyed_by_link_number()
    {
        await File.WriteAllTextAsync(server.PveDir.CorosyncConf, CorosyncConf);
        using var client = server.RootClient();
        var (_, body) = await ApiServerFixture.GetAsync(client, "cluster/config/totem");

        var totem = body["data"]!;
        Assert.Equal("lab", totem["cluster_name"]!.GetValue<string>());
        Assert.Equal("3", totem["config_version"]!.GetValue<string>());
        Assert.Equal("1", totem["interface"]!["1"]!["linknumber"]!.GetValue<string>());
        Assert.Equal("10", totem["interface"]!["1"]!["knet_link_priority"]!.GetValue<string>());
        Assert.Equal("0", totem["interface"]!["0"]!["linknumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task Join_info_lists_nodes_with_address_and_fingerprint()
    {
        await File.WriteAllTextAsync(server.PveDir.CorosyncConf, CorosyncConf);
        await File.WriteAllTextAsync(server.PveDir.Members, """
            { "nodename": "testnode", "version": 7,
              "cluster": { "name": "lab", "version": 3, "nodes": 2, "quorate": 1 },
              "nodelist": { "testnode": { "id": 1, "online": 1, "ip": "127.0.0.1" },
                            "pve2": { "id": 2, "online": 1, "ip": "192.0.2.12" } } }
            """);
        try
        {
            using var client = server.RootClient();
            var (status, body) = await ApiServerFixture.GetAsync(client, "cluster/config/join");

            Assert.Equal(HttpStatusCode.OK, status);
            var data = body["data"]!;
            Assert.Equal("testnode", data["preferred_node"]!.GetValue<string>());
            Assert.Equal("lab", data["totem"]!["cluster_name"]!.GetValue<string>());
            var expectedDigest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CorosyncConf)));
            Assert.Equal(expectedDigest, data["config_digest"]!.GetValue<string>());

            var local = data["nodelist"]!.AsArray().Single(n => n!["name"]!.GetValue<string>() == "testnode")!;
            Assert.Equal("127.0.0.1", local["pve_addr"]!.GetValue<string>());
            Assert.Equal("127.0.0.1", local["ring0_addr"]!.GetValue<string>());
            using var nodeCertificate = CertificatePem.ImportCertificate(await File.ReadAllTextAsync(server.PveDir.NodeCertificate("testnode")));
            Assert.Equal(CertificateFingerprint.OfCertificate(nodeCertificate.RawData).Value, local["pve_fp"]!.GetValue<string>());

            var peer = data["nodelist"]!.AsArray().Single(n => n!["name"]!.GetValue<string>() == "pve2")!;
            Assert.Equal("192.0.2.12", peer["pve_addr"]!.GetValue<string>());
            Assert.Null(peer["pve_fp"]); // no certificate for pve2 in this pve-dir
        }
        finally
        {
            File.Delete(server.PveDir.Members);
        }
    }

    [Fact]
    public async Task Join_info_for_an_unknown_node_is_a_parameter_error()
    {
        await File.WriteAllTextAsync(server.PveDir.CorosyncConf, CorosyncConf);
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "cluster/config/join?node=nosuch");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("nosuch", body["errors"]!["node"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broken_corosync_conf_is_500_naming_the_line()
    {
        await File.WriteAllTextAsync(server.PveDir.CorosyncConf, "totem {\n  cluster_name lab\n}\n");
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "cluster/config/totem");
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains("line 2", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_version_is_reported()
    {
        using var client = server.RootClient();
        var (_, body) = await ApiServerFixture.GetAsync(client, "cluster/config/apiversion");
        Assert.Equal(1, body["data"]!.GetValue<int>());
    }
}
