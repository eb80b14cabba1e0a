using System.Text;
using System.Text.Json.Nodes;
using PveCluster.Core.JoinInfo;
using PveCluster.Core.Lifecycle;
using PveCluster.Fuzz.Engine;

namespace PveCluster.Fuzz.Targets;

/// <summary>
/// The GUI's pasted "Join Information" (base64 of JSON): decode, read the derived facts pvecm uses,
/// and check that encoding the result decodes to the same information. Half the generated inputs
/// mutate the JSON inside the base64, where a plain byte mutation of the base64 text rarely reaches.
/// </summary>
internal sealed class JoinInfoTarget : FuzzTarget
{
    private static readonly string Fingerprint = string.Join(':', Enumerable.Repeat("AB", 32));

    private static readonly byte[][] Json =
    [
        .. new[]
        {
            $$$"""{"ipAddress":"192.0.2.11","fingerprint":"{{{Fingerprint}}}","peerLinks":{"0":"192.0.2.11","1":"10.1.0.11"},"ring_addr":["192.0.2.11","10.1.0.11"],"totem":{"cluster_name":"prod","config_version":"3","interface":{"0":{"linknumber":"0"},"1":{"linknumber":"1"}},"ip_version":"ipv4-6","link_mode":"passive","secauth":"on","version":"2"}}""",
            $$$"""{"ipAddress":"fd00::11","fingerprint":"{{{Fingerprint.ToLowerInvariant()}}}","ring_addr":["fd00::11",null],"totem":{"cluster_name":"lab","interface":[{"ringnumber":"0"}]}}""",
            $$$"""{"ipAddress":"pve1","fingerprint":"{{{Fingerprint}}}","totem":{}}""",
        }.Select(Encoding.UTF8.GetBytes),
    ];

    public override string Name => "join-info";

    public override string Description => "pasted join information: base64, UTF-8, JSON, fingerprint, links (Core/JoinInfo)";

    public override IReadOnlyList<byte[]> Samples { get; } = [.. Json.Select(j => TextInput.Encode(Convert.ToBase64String(j)))];

    public override bool Run(byte[] input)
    {
        var info = JoinInformationCodec.Decode(TextInput.Decode(input));
        _ = info.ClusterName;
        _ = info.AllowsBlankSingleLink;
        var target = JoinTarget.FromJoinInformation(info);
        InvariantViolatedException.Check(target.LinkNumbers.Count > 0, "join information without a link number");

        var again = JoinInformationCodec.Decode(JoinInformationCodec.Encode(info));
        InvariantViolatedException.Check(
            again.IpAddress == info.IpAddress
            && again.Fingerprint == info.Fingerprint
            && again.PeerLinks.OrderBy(p => p.Key).SequenceEqual(info.PeerLinks.OrderBy(p => p.Key))
            && again.RingAddresses.SequenceEqual(info.RingAddresses)
            && JsonNode.DeepEquals(again.Totem, info.Totem),
            "decode(encode(decode(x))) differs from decode(x)");
        return true;
    }

    public override bool IsRejection(Exception exception) => IsClearError<JoinInformationException>(exception);

    public override byte[]? Generate(Random random, Mutator mutator)
    {
        var json = Json[random.Next(Json.Length)];
        var text = Convert.ToBase64String(random.Next(4) == 0 ? json : mutator.Mutate(json));
        if (random.Next(4) == 0)
        {
            // Pasted from a terminal or mail: wrapped lines.
            text = string.Join("\n", text.Chunk(76).Select(c => new string(c)));
        }

        return TextInput.Encode(text);
    }
}
