using PveCluster.Lab.Cli;

namespace PveCluster.Lab.Tests;

public sealed class LabCliTests
{
    [Theory]
    [InlineData("exec 1 corosync-quorumtool -s", "exec 1 -- corosync-quorumtool -s")]
    [InlineData("--lab abcde exec 2 pvecm status --output-format json", "--lab abcde exec 2 -- pvecm status --output-format json")]
    [InlineData("spawn 1 fs ./fs -f /run/x", "spawn 1 fs -- ./fs -f /run/x")]
    [InlineData("exec 1 -- ls -l", "exec 1 -- ls -l")]
    [InlineData("cut 3 0 --drop", "cut 3 0 --drop")]
    public void Commands_of_exec_and_spawn_pass_through_untouched(string given, string parsed)
    {
        Assert.Equal(parsed.Split(' '), LabCli.InsertPassThroughSeparator(given.Split(' ')));
    }
}
