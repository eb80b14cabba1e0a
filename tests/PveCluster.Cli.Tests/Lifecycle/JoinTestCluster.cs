using System.Text.Json.Nodes;
using PveCluster.Core.Certificates;
using PveCluster.Lifecycle.Join;
using PveCluster.Lifecycle.Services;
using PveCluster.Lifecycle.Tests;

namespace PveCluster.Cli.Tests.Lifecycle;

/// <summary>
/// The cluster 'prod' (pve1..pve3) as the joining node 'pve4' sees it through a fake peer; starting pmxcfs
/// on the joining node "syncs" the cluster's corosync.conf and CA into its /etc/pve.
/// </summary>
internal sealed class JoinTestCluster : IDisposable
{
    public const string NewClusterConf = "totem {\n  cluster_name: prod\n  config_version: 4\n}\n";

    public JoinTestCluster()
    {
        using var ca = ClusterCertificateAuthority.Create(DateTimeOffset.UtcNow, 2048);
        CaPem = CertificatePem.Export(ca);
        Node = new TestNode("pve4", "192.0.2.14", "192.0.2.14", "10.9.0.14");
        Node.Corosync = FakeCluster.Members(true, 1, 2, 3, 4);
        Node.Peer = Peer(new FakePeer().Password);
        Node.Services.OnStart = service =>
        {
            if (service == ClusterService.Pmxcfs)
            {
                File.WriteAllText(Node.Paths.ClusterConf, NewClusterConf);
                Directory.CreateDirectory(Path.GetDirectoryName(Node.Paths.CaKey)!);
                File.WriteAllText(Node.Paths.CaKey, CaPem.PrivateKey);
                File.WriteAllText(Node.Paths.CaCertificate, CaPem.Certificate);
            }
        };
    }

    public TestNode Node { get; }

    public CertificatePem CaPem { get; }

    public byte[] AuthKey { get; } = [.. Enumerable.Range(0, 128).Select(i => (byte)(255 - i))];

    public FakePeer Peer(string password, Func<string, IReadOnlyDictionary<string, string>, AddNodeReply>? addNode = null) => new()
    {
        Password = password,
        JoinInfo = JoinInfo(),
        AddNode = addNode ?? ((_, _) => new AddNodeReply(NewClusterConf, AuthKey, ["a warning from the member"])),
    };

    public static JsonObject JoinInfo()
    {
        var nodes = new JsonArray();
        for (var i = 1; i <= 3; i++)
        {
            nodes.Add(new JsonObject
            {
                ["name"] = $"pve{i}",
                ["nodeid"] = $"{i}",
                ["quorum_votes"] = "1",
                ["ring0_addr"] = $"192.0.2.1{i}",
                ["pve_addr"] = $"192.0.2.1{i}",
                ["pve_fp"] = FakePeer.Fingerprint.Value,
            });
        }

        return new JsonObject
        {
            ["nodelist"] = nodes,
            ["preferred_node"] = "pve1",
            ["totem"] = new JsonObject
            {
                ["cluster_name"] = "prod",
                ["config_version"] = "3",
                ["interface"] = new JsonObject { ["0"] = new JsonObject { ["linknumber"] = "0" } },
            },
            ["config_digest"] = "abc",
        };
    }

    public void Dispose() => Node.Dispose();
}
