using System.CommandLine;

namespace PveCluster.DocGen.Tests;

/// <summary>The documented command lines are the parsers the programs run: unknown input fails, --version works.</summary>
public class CommandLineTests
{
    public static TheoryData<string> Programs => new() { "pvecm", "pmxcfs", "pvedaemon", "pveproxy" };

    private static RootCommand Root(string program) => ProgramCatalog.All().Single(p => p.Program == program).Root;

    [Theory]
    [MemberData(nameof(Programs))]
    public void An_unknown_option_is_an_error(string program)
    {
        var result = Root(program).Parse(["--no-such-option"]);
        Assert.Contains(result.Errors, e => e.Message.Contains("--no-such-option", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_option_of_a_pvecm_subcommand_is_an_error()
    {
        var result = Root("pvecm").Parse(["link", "add", "1", "--no-such-option"]);
        Assert.Contains(result.Errors, e => e.Message.Contains("--no-such-option", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Version_is_an_option_of_every_program(string program)
    {
        var result = Root(program).Parse(["--version"]);
        Assert.Empty(result.Errors);
        Assert.IsType<VersionOption>(result.CommandResult.Command.Options.Single(o => o.Name == "--version"));
        var output = new StringWriter();
        Assert.Equal(0, result.Invoke(new InvocationConfiguration { Output = output }));
        Assert.Matches(@"^\d+\.\d+\.\d+", output.ToString());
    }
}
