using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PveCluster.Core.DatacenterCfg;

namespace PveCluster.Core.Tests.DatacenterCfg;

public class DatacenterConfigTests
{
    private const string Sample =
        "# datacenter settings\n" +
        "keyboard: de\n" +
        "\n" +
        "migration: secure,network=10.10.0.0/24\n" +
        "ha: shutdown_policy=migrate\n" +
        "x-vendor-key:   kept as is   \n";

    [Fact]
    public void Unchanged_file_is_written_back_byte_for_byte()
    {
        Assert.Equal(Sample, DatacenterConfig.Parse(Sample).Write());
    }

    /// <summary>Found by pve-fuzz: the entry regex backtracked quadratically (60 KB: 6 s; 500 KB: minutes).</summary>
    [Theory]
    [InlineData(' ')]
    [InlineData('\u00A0')]
    public void A_long_run_of_spaces_inside_a_value_is_read_in_linear_time(char space)
    {
        var value = "a" + new string(space, 500_000) + "b";
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var config = DatacenterConfig.Parse($"keyboard:{value}  \nmigration : insecure\n");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(value, config.Get("keyboard"));
        Assert.Equal("insecure", config.Get("migration"));
    }

    [Theory]
    [InlineData(" keyboard: de")]
    [InlineData("1keyboard: de")]
    [InlineData("key board: de")]
    [InlineData("keyboard de")]
    [InlineData(": de")]
    public void Lines_that_are_no_entry_are_refused(string line) =>
        Assert.Throws<DatacenterConfigException>(() => DatacenterConfig.Parse(line + "\n"));

    [Fact]
    public void Values_and_line_numbers_are_available()
    {
        var config = DatacenterConfig.Parse(Sample);
        Assert.Equal(["keyboard", "migration", "ha", "x-vendor-key"], config.Keys);
        Assert.Equal("kept as is", config.Get("x-vendor-key"));
        Assert.Equal(4, config.LineOf("migration"));
        Assert.Null(config.Get("missing"));
    }

    [Fact]
    public void Setting_a_key_changes_only_that_line()
    {
        var config = DatacenterConfig.Parse(Sample);
        config.SetMigration(new MigrationSettings(MigrationType.Insecure, CidrNetwork.Parse("fd00:10::/64")));
        config.Set("bwlimit", "migration=100000");
        Assert.True(config.Remove("keyboard"));
        Assert.False(config.Remove("keyboard"));
        Assert.Equal(
            "# datacenter settings\n\nmigration: insecure,network=fd00:10::/64\nha: shutdown_policy=migrate\n" +
            "x-vendor-key:   kept as is   \nbwlimit: migration=100000\n",
            config.Write());
    }

    [Fact]
    public void Windows_line_endings_and_missing_final_newline_are_accepted()
    {
        var config = DatacenterConfig.Parse("keyboard: en-us\r\nmigration: secure");
        Assert.Equal("en-us", config.Get("keyboard"));
        Assert.Equal(MigrationType.Secure, config.GetMigration()!.Type);
    }

    [Theory]
    [InlineData("keyboard: de\nthis is not valid\n", "datacenter.cfg line 2: expected 'key: value', got 'this is not valid'")]
    [InlineData("keyboard: de\n\nkeyboard: en\n", "datacenter.cfg line 3: duplicate key 'keyboard' (first set on line 1)")]
    [InlineData(": value\n", "datacenter.cfg line 1: expected 'key: value', got ': value'")]
    public void Malformed_lines_are_reported_with_their_line_number(string text, string message)
    {
        var ex = Assert.Throws<DatacenterConfigException>(() => DatacenterConfig.Parse(text));
        Assert.Equal(message, ex.Message);
    }

    [Theory]
    [InlineData("secure", MigrationType.Secure, null)]
    [InlineData("type=insecure", MigrationType.Insecure, null)]
    [InlineData("secure,network=10.1.2.0/24", MigrationType.Secure, "10.1.2.0/24")]
    [InlineData("network=fd00::/64,type=insecure", MigrationType.Insecure, "fd00::/64")]
    public void Migration_values_are_parsed(string value, MigrationType type, string? network)
    {
        var settings = MigrationSettings.Parse(value);
        Assert.Equal(type, settings.Type);
        Assert.Equal(network, settings.Network?.Text);
    }

    [Theory]
    [InlineData("network=10.1.2.0/24", "'type' is required when 'network' is set")]
    [InlineData("fast", "type must be 'secure' or 'insecure', got 'fast'")]
    [InlineData("secure,network=10.1.2.0/33", "'10.1.2.0/33' is not a valid CIDR network")]
    [InlineData("secure,network=10.1.2.0", "'10.1.2.0' is not a valid CIDR network")]
    [InlineData("secure,network=fd00::/129", "'fd00::/129' is not a valid CIDR network")]
    [InlineData("secure,speed=1", "unknown key 'speed' (allowed: type, network)")]
    [InlineData("secure,type=insecure", "duplicate key 'type'")]
    [InlineData("", "value is empty")]
    public void Invalid_migration_values_are_explained_with_the_line(string value, string fragment)
    {
        var config = DatacenterConfig.Parse($"keyboard: de\nmigration: {value}\n");
        var ex = Assert.Throws<DatacenterConfigException>(config.GetMigration);
        Assert.StartsWith("datacenter.cfg line 2: migration: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.LineNumber);
    }

    [Fact]
    public void Migration_is_null_when_not_configured()
    {
        Assert.Null(DatacenterConfig.Parse("keyboard: de\n").GetMigration());
    }

    [Fact]
    public void Property_string_writes_the_default_key_bare_and_first()
    {
        var pairs = PropertyString.Parse("network=10.0.0.0/8,type=secure", "type");
        Assert.Equal("secure,network=10.0.0.0/8", PropertyString.Format(pairs, "type"));
        Assert.Equal("a=1,b=2", PropertyString.Format(PropertyString.Parse("a=1,b=2", null), null));
        Assert.Throws<FormatException>(() => PropertyString.Parse("bare", null));
    }

    [Property]
    public Property Migration_settings_round_trip()
    {
        var gen = from type in Gen.Elements(MigrationType.Secure, MigrationType.Insecure)
                  from bytes in Gen.ArrayOf(Gen.Choose(0, 255), 4)
                  from prefix in Gen.Choose(0, 32)
                  from withNetwork in Gen.Elements(true, false)
                  select new MigrationSettings(type, withNetwork ? CidrNetwork.Parse($"{string.Join('.', bytes)}/{prefix}") : null);
        return Prop.ForAll(gen.ToArbitrary(), s => MigrationSettings.Parse(s.Format()).Format() == s.Format());
    }
}
