using System.Text.Json.Nodes;
using PveCluster.Core.JoinInfo;
using PveCluster.Gui.Forms;

namespace PveCluster.Gui.Tests.Forms;

public sealed class JoinClusterModelTests
{
    public const string Fingerprint = "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99";

    private static readonly string[] Local = ["198.18.5.2", "198.19.5.2"];
    private static readonly string[] LocalCidrs = ["198.18.5.2/24", "198.19.5.2/24"];

    public static string Blob(string name = "prod", int links = 2)
    {
        var interfaces = new JsonObject();
        var peerLinks = new Dictionary<int, string>();
        for (var i = 0; i < links; i++)
        {
            interfaces[$"{i}"] = new JsonObject { ["linknumber"] = $"{i}" };
            peerLinks[i] = $"198.{18 + i}.5.1";
        }

        var totem = new JsonObject { ["cluster_name"] = name, ["config_version"] = "1", ["interface"] = interfaces };
        var fp = CertificateFingerprint.Parse(Fingerprint);
        return JoinInformationCodec.Encode(new JoinInformation("198.18.5.1", fp, peerLinks, [.. peerLinks.Values], totem));
    }

    [Fact]
    public void Until_valid_information_is_pasted_everything_else_is_hidden()
    {
        var model = new JoinClusterModel(Local, LocalCidrs);
        Assert.False(model.ShowDetails);
        model.SetInformation("bm90IGpzb24=");
        Assert.StartsWith(JoinClusterModel.InvalidInformation, model.InformationError, StringComparison.Ordinal);
        Assert.False(model.ShowDetails);
        Assert.False(model.IsValid);
        Assert.Equal("Join", model.SubmitLabel);
    }

    [Fact]
    public void Valid_information_fills_peer_fingerprint_and_fixed_links_in_the_peers_subnets()
    {
        var model = new JoinClusterModel(Local, LocalCidrs);
        model.SetInformation(Blob());
        Assert.Null(model.InformationError);
        Assert.Equal("198.18.5.1", model.PeerAddress);
        Assert.Equal(Fingerprint, model.Fingerprint);
        Assert.Equal("Join 'prod'", model.SubmitLabel);
        Assert.False(model.Links.NumbersEditable);
        Assert.Equal([0, 1], model.Links.Rows.Select(r => r.Number));
        Assert.Equal(["198.18.5.2", "198.19.5.2"], model.Links.Rows.Select(r => r.Address));
        Assert.Equal(["198.18.5.1", "198.19.5.1"], model.Links.Rows.Select(r => r.PeerAddress));
        Assert.False(model.IsValid);
        model.Password = "secret";
        Assert.True(model.IsValid);
        Assert.Equal(
            [new("hostname", "198.18.5.1"), new("password", "secret"), new("fingerprint", Fingerprint),
             new("link0", "198.18.5.2"), new("link1", "198.19.5.2")],
            model.ToParameters().ToList());
    }

    [Fact]
    public void A_single_link_whose_address_is_the_peers_may_stay_blank()
    {
        var model = new JoinClusterModel(Local, LocalCidrs);
        model.SetInformation(Blob(links: 1));
        var row = Assert.Single(model.Links.Rows);
        Assert.True(row.AllowBlank);
        row.Address = null;
        model.Password = "secret";
        Assert.True(model.IsValid);
        Assert.DoesNotContain(model.ToParameters(), p => p.Key.StartsWith("link", StringComparison.Ordinal));
    }

    [Fact]
    public void Manual_mode_requires_peer_and_a_well_formed_fingerprint()
    {
        var model = new JoinClusterModel(Local, LocalCidrs);
        model.SetAssisted(false);
        Assert.True(model.ShowDetails);
        Assert.True(model.Links.NumbersEditable);
        model.Password = "secret";
        Assert.NotNull(model.PeerAddressError);
        model.PeerAddress = "198.18.5.1";
        model.Fingerprint = "AB:CD";
        Assert.NotNull(model.FingerprintError);
        Assert.False(model.IsValid);
        model.Fingerprint = Fingerprint.ToLowerInvariant();
        Assert.True(model.IsValid);
    }
}
