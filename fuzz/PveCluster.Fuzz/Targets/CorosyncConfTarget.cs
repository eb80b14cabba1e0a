using System.Text;
using PveCluster.Cfs.Views;
using PveCluster.Core.CorosyncConf;
using PveCluster.Fuzz.Engine;

namespace PveCluster.Fuzz.Targets;

/// <summary>
/// corosync.conf as pmxcfs and pvecm read it from /etc/pve: parse, build the typed view, validate
/// (which must report, never throw), and check parse(write(parse(x))) == parse(x).
/// </summary>
internal sealed class CorosyncConfTarget : FuzzTarget
{
    private static readonly string[] Keys = ["cluster_name", "config_version", "version", "name", "nodeid", "quorum_votes", "ring0_addr",
        "ring1_addr", "linknumber", "knet_link_priority", "provider", "two_node", "expected_votes", "votes", "secauth", "ip_version", "link_mode"];

    private static readonly string[] Sections = ["totem", "interface", "nodelist", "node", "quorum", "device", "logging", "net", "system"];

    private static readonly string[] Values = ["2", "0", "1", "prod", "10.0.0.1", "fd00::1", "corosync_votequorum", "on", "passive", "ipv4-6",
        "pve1", "18446744073709551616", "-1", "a b", "x:y", ""];

    public override string Name => "corosync-conf";

    public override string Description => "corosync.conf parser, typed view, validator and writer (Core/CorosyncConf)";

    public override IReadOnlyList<byte[]> Samples { get; } = LoadSamples();

    public override bool Run(byte[] input)
    {
        var root = ConfParser.Parse(TextInput.Decode(input));
        var config = new CorosyncConfig(root);
        CorosyncConfValidator.Validate(config);

        var written = ConfWriter.Write(root);
        var reread = ConfParser.Parse(written);
        InvariantViolatedException.Check(reread.SameContentAs(root), "parse(write(parse(x))) differs from parse(x)");
        InvariantViolatedException.Check(ConfWriter.Write(reread) == written, "the writer's output is not stable");
        ReadClusterSummary(written);
        return true;
    }

    /// <summary>What pmxcfs builds .members from: a config it cannot use must say so with a FormatException, never crash.</summary>
    private static void ReadClusterSummary(string text)
    {
        try
        {
            new CorosyncConfParser().Parse(text);
        }
        catch (FormatException)
        {
        }
    }

    public override bool IsRejection(Exception exception) =>
        IsClearError<ConfParseException>(exception) && ((ConfParseException)exception).LineNumber > 0;

    public override byte[]? Generate(Random random, Mutator mutator)
    {
        var text = new StringBuilder();
        if (random.Next(50) == 0)
        {
            // Closed nesting far deeper than any real file: the writer and typed views recurse per level.
            var depth = random.Next(1, 60_000);
            return TextInput.Encode(string.Concat(Enumerable.Repeat("a {\n", depth)) + string.Concat(Enumerable.Repeat("}\n", depth)));
        }

        WriteSection(text, random, 0);
        return TextInput.Encode(random.Next(4) == 0 ? text.ToString().Replace("\n", "\r\n", StringComparison.Ordinal) : text.ToString());
    }

    private static void WriteSection(StringBuilder text, Random random, int depth)
    {
        var items = random.Next(1, 6);
        for (var i = 0; i < items; i++)
        {
            var indent = new string(' ', depth * 2);
            if (random.Next(5) == 0)
            {
                text.Append(indent).Append('#').Append(Values[random.Next(Values.Length)]).Append('\n');
            }

            if (depth < 4 && random.Next(3) == 0)
            {
                text.Append(indent).Append(Sections[random.Next(Sections.Length)]).Append(" {\n");
                WriteSection(text, random, depth + 1);
                text.Append(indent).Append("}\n");
            }
            else
            {
                text.Append(indent).Append(Keys[random.Next(Keys.Length)]).Append(": ").Append(Values[random.Next(Values.Length)]).Append('\n');
            }
        }
    }

    private static List<byte[]> LoadSamples()
    {
        var samples = TextInput.ResourceNames("corosync/").Select(TextInput.ResourceSample).ToList();
        // The same files with Windows line endings, as an admin's editor may save them.
        samples.AddRange(samples.ToList().Select(s => TextInput.Encode(TextInput.Decode(s).Replace("\n", "\r\n", StringComparison.Ordinal))));
        return samples;
    }
}
