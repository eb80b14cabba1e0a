namespace PveCluster.Cli.Tests;

/// <summary>The shape of the link, preflight and mtunnel options is checked before anything touches the cluster.</summary>
public class LinkCommandTests
{
    [Theory]
    [InlineData("'8' is not a link number", "link", "add", "8", "--node", "n1=10.0.0.1")]
    [InlineData("not a link number", "link", "remove", "x")]
    [InlineData("is not NAME=ADDRESS", "link", "add", "1", "--node", "n1")]
    [InlineData("loopback", "link", "add", "1", "--node", "n1=127.0.0.1")]
    [InlineData("not an integer from 0 to 255", "link", "set", "1", "--priority", "256")]
    [InlineData("only 'priority' can be deleted", "link", "set", "1", "--delete", "address")]
    [InlineData("--grace: give 1 to 600 seconds", "link", "remove", "1", "--grace", "0")]
    [InlineData("only --get_migration_ip is implemented", "mtunnel")]
    public void Malformed_options_are_usage_errors(string expected, params string[] args)
    {
        using var pvecm = new PvecmRunner();

        Assert.Equal(2, pvecm.Run(args));
        Assert.Contains(expected, pvecm.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, pvecm.Connects);
    }

    [Fact]
    public void Unknown_link_subcommands_and_options_fail()
    {
        using var pvecm = new PvecmRunner();

        Assert.Equal(2, pvecm.Run("link", "move", "1"));
        Assert.Equal(2, pvecm.Run("link", "remove", "1", "--node", "n1=10.0.0.1"));
    }
}
