using PveCluster.Core.Links;
using PveCluster.Fuzz.Engine;

namespace PveCluster.Fuzz.Targets;

/// <summary>
/// <c>--linkN ADDRESS[,priority=N]</c> options (pvecm and the join API): one <c>linkN value</c> per
/// line, read as a link set; the set written back as options must read as the same set.
/// </summary>
internal sealed class LinkSpecTarget : FuzzTarget
{
    private static readonly string[] Addresses = ["10.0.0.1", "192.0.2.14", "fd00::1", "fd00:0::1", "pve1", "node-2.corosync.lan",
        "127.0.0.1", "0.0.0.0", "::", "224.0.0.1", "255.255.255.255", "ff02::1", "[fd00::1]", "fe80::1%eth0", "1.2.3"];

    public override string Name => "link-spec";

    public override string Description => "--linkN option values and link sets (Core/Links)";

    public override IReadOnlyList<byte[]> Samples { get; } =
    [
        TextInput.Encode("link0 10.0.0.1\nlink1 address=10.1.0.1,priority=20\n"),
        TextInput.Encode("link0 fd00::1,priority=255\n"),
        TextInput.Encode("link3 node-2.corosync.lan\nlink7 priority=0,address=192.0.2.14\n"),
    ];

    public override bool Run(byte[] input)
    {
        var options = TextInput.Decode(input).Split('\n')
            .Where(line => line.Length > 0)
            .Select(line => line.Split(' ', 2))
            .Select(parts => KeyValuePair.Create(parts[0], parts.Length > 1 ? parts[1] : ""))
            .ToList();
        var set = LinkSet.ParseOptions(options);
        foreach (var link in set)
        {
            InvariantViolatedException.Check(LinkAddress.UnusableIpProblem(link.Address) is null, $"unusable address {link.Address} accepted");
            InvariantViolatedException.Check(LinkSpecParser.Parse(link.Number, link.ToOptionValue()) == link, $"{link.OptionName} does not read back");
        }

        var again = LinkSet.ParseOptions(set.ToOptions());
        InvariantViolatedException.Check(again.SequenceEqual(set), "parse(write(parse(x))) differs from parse(x)");
        return true;
    }

    public override bool IsRejection(Exception exception) => IsClearError<LinkFormatException>(exception);

    public override byte[]? Generate(Random random, Mutator mutator)
    {
        var lines = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
        {
            var address = Addresses[random.Next(Addresses.Length)];
            var value = random.Next(3) switch
            {
                0 => address,
                1 => $"address={address},priority={random.Next(-1, 300)}",
                _ => $"priority={random.Next(256)},{address}",
            };
            return $"link{random.Next(-1, 9)} {value}";
        });
        return TextInput.Encode(string.Join('\n', lines));
    }
}
