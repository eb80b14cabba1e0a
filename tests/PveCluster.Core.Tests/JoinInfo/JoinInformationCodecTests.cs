using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PveCluster.Core.JoinInfo;

namespace PveCluster.Core.Tests.JoinInfo;

public class JoinInformationCodecTests
{
    private static readonly string Fp = string.Join(':', Enumerable.Range(0, 32).Select(i => (i * 7 % 256).ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    private static JsonObject Totem(params int[] links)
    {
        var interfaces = new JsonObject();
        foreach (var link in links)
        {
            interfaces[link.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject { ["linknumber"] = link.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        return new JsonObject
        {
            ["cluster_name"] = "prod-central",
            ["config_version"] = "3",
            ["interface"] = interfaces,
            ["ip_version"] = "ipv4-6",
            ["link_mode"] = "passive",
            ["secauth"] = "on",
            ["version"] = "2",
        };
    }

    private static JoinInformation Sample() => new(
        "192.168.26.225",
        CertificateFingerprint.Parse(Fp),
        new SortedDictionary<int, string> { [0] = "192.168.26.225", [1] = "10.1.0.5" },
        ["192.168.26.225", "10.1.0.5"],
        Totem(0, 1));

    private static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Encoded_json_has_the_gui_key_order()
    {
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(JoinInformationCodec.Encode(Sample())));
        Assert.StartsWith(
            "{\"ipAddress\":\"192.168.26.225\",\"fingerprint\":\"" + Fp + "\",\"peerLinks\":{\"0\":\"192.168.26.225\",\"1\":\"10.1.0.5\"}," +
            "\"ring_addr\":[\"192.168.26.225\",\"10.1.0.5\"],\"totem\":{\"cluster_name\":\"prod-central\"",
            json,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Decoding_an_encoded_blob_gives_the_same_information()
    {
        var back = JoinInformationCodec.Decode(JoinInformationCodec.Encode(Sample()));
        Assert.Equal("192.168.26.225", back.IpAddress);
        Assert.Equal(Fp, back.Fingerprint.Value);
        Assert.Equal(Sample().PeerLinks, back.PeerLinks);
        Assert.Equal(Sample().RingAddresses, back.RingAddresses);
        Assert.True(JsonNode.DeepEquals(Sample().Totem, back.Totem));
        Assert.Equal("prod-central", back.ClusterName);
        Assert.Equal([0, 1], back.LinkNumbers);
        Assert.False(back.AllowsBlankSingleLink);
    }

    [Fact]
    public void Older_blob_without_peer_links_and_with_null_ring_address_is_accepted()
    {
        var json = "{\"ipAddress\":\"192.168.26.225\",\"fingerprint\":\"" + Fp.ToLowerInvariant() + "\"," +
                   "\"ring_addr\":[\"192.168.26.225\",null],\"totem\":{\"cluster_name\":\"prod-eu-central\"," +
                   "\"interface\":{\"0\":{\"linknumber\":\"0\"}},\"future_key\":\"x\"},\"extra\":1}";
        var info = JoinInformationCodec.Decode(B64(json));
        Assert.Empty(info.PeerLinks);
        Assert.Equal(["192.168.26.225", null], info.RingAddresses);
        Assert.Equal(Fp, info.Fingerprint.Value);
        Assert.Equal([0], info.LinkNumbers);
        Assert.True(info.AllowsBlankSingleLink);
    }

    [Fact]
    public void Pasted_text_with_line_breaks_is_accepted()
    {
        var encoded = JoinInformationCodec.Encode(Sample());
        var wrapped = string.Join("\n", encoded.Chunk(60).Select(c => new string(c))) + "\n";
        Assert.Equal("prod-central", JoinInformationCodec.Decode(wrapped).ClusterName);
    }

    [Fact]
    public void Totem_with_ringnumber_or_without_interfaces_still_yields_links()
    {
        var ring = JoinInformationCodec.Decode(B64(
            "{\"ipAddress\":\"a\",\"fingerprint\":\"" + Fp + "\",\"totem\":{\"interface\":{\"1\":{\"ringnumber\":\"1\"},\"0\":{\"ringnumber\":\"0\"}}}}"));
        Assert.Equal([0, 1], ring.LinkNumbers);
        var none = JoinInformationCodec.Decode(B64("{\"ipAddress\":\"a\",\"fingerprint\":\"" + Fp + "\",\"totem\":{}}"));
        Assert.Equal([0], none.LinkNumbers);
    }

    [Theory]
    [InlineData("", "join information is empty")]
    [InlineData("!!!not base64!!!", "join information is not valid base64")]
    public void Bad_text_is_explained(string text, string message)
    {
        var ex = Assert.Throws<JoinInformationException>(() => JoinInformationCodec.Decode(text));
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json", "join information does not contain valid JSON")]
    [InlineData("[1,2]", "join information must decode to a JSON object")]
    [InlineData("{\"ipAddress\":\"a\"}", "Does not seem like a valid encoded Cluster Information!")]
    [InlineData("{\"totem\":{},\"fingerprint\":\"x\"}", "join information has no 'ipAddress' string")]
    [InlineData("{\"totem\":{},\"ipAddress\":\"a\"}", "join information has no 'fingerprint' string")]
    [InlineData("{\"totem\":{},\"ipAddress\":\"a\",\"fingerprint\":\"AB:CD\"}", "join information has an invalid fingerprint 'AB:CD'")]
    [InlineData("{\"totem\":{},\"ipAddress\":\"a\",\"fingerprint\":\"FP\",\"peerLinks\":{\"9\":\"x\"}}", "join information peerLinks has an invalid link number '9'")]
    [InlineData("{\"totem\":{},\"ipAddress\":\"a\",\"fingerprint\":\"FP\",\"peerLinks\":[]}", "join information peerLinks must be an object")]
    [InlineData("{\"totem\":{},\"ipAddress\":\"a\",\"fingerprint\":\"FP\",\"ring_addr\":[1]}", "join information ring_addr must contain only strings or null")]
    public void Bad_json_is_explained(string json, string message)
    {
        var ex = Assert.Throws<JoinInformationException>(() => JoinInformationCodec.Decode(B64(json.Replace("\"FP\"", "\"" + Fp + "\"", StringComparison.Ordinal))));
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        Assert.False(JoinInformationCodec.TryDecode(B64(json), out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Invalid_utf8_is_explained()
    {
        var ex = Assert.Throws<JoinInformationException>(() => JoinInformationCodec.Decode(Convert.ToBase64String([0xff, 0xfe, 0x7b])));
        Assert.Equal("join information does not decode to UTF-8 text", ex.Message);
    }

    [Property]
    public Property Encode_decode_round_trips()
    {
        var gen = from links in Gen.SubListOf(Enumerable.Range(0, 8).ToArray())
                  from name in Gen.Elements("a", "prod-central", "x-1", "ünïcode")
                  from bytes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32)
                  select (links, name, bytes);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var peer = t.links.ToDictionary(l => l, l => $"10.{l}.0.1");
            var totem = Totem([.. t.links]);
            totem["cluster_name"] = t.name;
            var info = new JoinInformation("10.0.0.1", CertificateFingerprint.FromSha256(t.bytes), peer, [.. peer.Values], totem);
            var back = JoinInformationCodec.Decode(JoinInformationCodec.Encode(info));
            return back.ClusterName == t.name
                && back.PeerLinks.SequenceEqual(peer.OrderBy(p => p.Key))
                && back.Fingerprint == info.Fingerprint
                && back.LinkNumbers.SequenceEqual(t.links.Count == 0 ? [0] : t.links.Order());
        });
    }

    /// <summary>Found by pve-fuzz: escaped as ArgumentException from the JSON object's dictionary.</summary>
    [Fact]
    public void Join_information_with_a_duplicate_key_is_refused_with_its_own_error()
    {
        var json = """{"ipAddress":"a","ipAddress":"b","fingerprint":"x","totem":{}}""";

        var error = Assert.Throws<JoinInformationException>(() => JoinInformationCodec.Decode(Convert.ToBase64String(Encoding.UTF8.GetBytes(json))));

        Assert.Contains("ipAddress", error.Message, StringComparison.Ordinal);
    }
}
