using PveCluster.Cfs.Hosting;

namespace PveCluster.Cfs.Tests.Hosting;

public class CfsCommandLineTests
{
    [Fact]
    public void Defaults_match_pmxcfs()
    {
        var options = Parse();

        Assert.False(options!.Foreground);
        Assert.False(options.LocalMode);
        Assert.False(options.Debug);
        Assert.Equal("/etc/pve", options.MountPoint);
        Assert.Equal("/var/lib/pve-cluster/config.db", options.DatabasePath);
        Assert.Equal("/etc/corosync/corosync.conf", options.LocalCorosyncConf);
        Assert.Equal(NodeName.FromHostName(Environment.MachineName), options.NodeName);
    }

    [Fact]
    public void Short_and_long_flags()
    {
        var options = Parse("-f", "-l", "-d", "--mountpoint", "/tmp/pve", "--db", "/tmp/c.db", "--nodename", "n7");

        Assert.True(options!.Foreground);
        Assert.True(options.LocalMode);
        Assert.True(options.Debug);
        Assert.Equal("/tmp/pve", options.MountPoint);
        Assert.Equal("/tmp/c.db", options.DatabasePath);
        Assert.Equal("n7", options.NodeName);
        Assert.True(Parse("--foreground", "--local", "--debug")!.LocalMode);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("")]
    public void Node_names_that_are_not_one_path_segment_are_refused(string name)
    {
        var errors = new StringWriter();
        Assert.Null(Parse(errors, "--nodename", name));
        Assert.Contains("node name", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_options_are_refused()
    {
        var errors = new StringWriter();
        Assert.Null(Parse(errors, "--bogus"));
        Assert.Contains("--bogus", errors.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pve1.example.com", "pve1")]
    [InlineData("pve1", "pve1")]
    public void Node_name_is_the_host_name_up_to_the_first_dot(string host, string expected) =>
        Assert.Equal(expected, NodeName.FromHostName(host));

    private static CfsOptions? Parse(params string[] args) => Parse(new StringWriter(), args);

    private static CfsOptions? Parse(StringWriter errors, params string[] args)
    {
        CfsOptions? parsed = null;
        var command = CfsCommandLine.Create((options, _) =>
        {
            parsed = options;
            return Task.FromResult(0);
        });
        var exitCode = command.Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Error = errors, Output = errors });
        Assert.Equal(parsed is null ? 1 : 0, exitCode);
        return parsed;
    }
}
