using PveCluster.Core.DatacenterCfg;
using PveCluster.Fuzz.Engine;

namespace PveCluster.Fuzz.Targets;

/// <summary>datacenter.cfg: parse, read the typed migration setting, and check that writing keeps every entry.</summary>
internal sealed class DatacenterCfgTarget : FuzzTarget
{
    private static readonly string[] Keys = ["migration", "keyboard", "console", "email_from", "http_proxy", "mac_prefix", "ha", "crs"];

    private static readonly string[] Values = ["secure", "insecure", "type=secure,network=10.1.0.0/24", "insecure,network=fd00::/64",
        "secure,network=10.0.0.1/33", "network=10.0.0.0/8", "de", "html5", "root@example.com", "shutdown_policy=migrate", ""];

    public override string Name => "datacenter-cfg";

    public override string Description => "datacenter.cfg parser, migration property string and writer (Core/DatacenterCfg)";

    public override IReadOnlyList<byte[]> Samples { get; } =
    [
        TextInput.Encode("keyboard: en-us\nmigration: secure,network=10.1.0.0/24\n# comment\n\nconsole: html5\n"),
        TextInput.Encode("migration: type=insecure,network=fd00:1::/64\r\nemail_from: root@example.com\r\n"),
        TextInput.Encode("ha: shutdown_policy=migrate\nmigration: insecure\n"),
    ];

    public override bool Run(byte[] input)
    {
        var config = DatacenterConfig.Parse(TextInput.Decode(input));
        var migration = config.GetMigration();

        var reread = DatacenterConfig.Parse(config.Write());
        InvariantViolatedException.Check(
            reread.Lines.Select(l => (l.Key, l.Value)).SequenceEqual(config.Lines.Select(l => (l.Key, l.Value))),
            "parse(write(parse(x))) has other entries than parse(x)");
        InvariantViolatedException.Check(Equals(reread.GetMigration()?.Format(), migration?.Format()), "the migration setting changed on a round trip");
        if (migration is not null)
        {
            InvariantViolatedException.Check(MigrationSettings.Parse(migration.Format()).Format() == migration.Format(),
                "the migration setting does not read back as written");
        }
        return true;
    }

    public override bool IsRejection(Exception exception) => IsClearError<DatacenterConfigException>(exception);

    public override byte[]? Generate(Random random, Mutator mutator)
    {
        var lines = Enumerable.Range(0, random.Next(1, 6))
            .Select(_ => $"{Keys[random.Next(Keys.Length)]}:{(random.Next(2) == 0 ? " " : "")}{Values[random.Next(Values.Length)]}");
        return TextInput.Encode(string.Join(random.Next(4) == 0 ? "\r\n" : "\n", lines) + "\n");
    }
}
