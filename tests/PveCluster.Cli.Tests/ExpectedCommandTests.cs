using System.Text.Json;
using PveCluster.Cli.Commands;
using PveCluster.Corosync;
using PveCluster.Lifecycle.Tests;

namespace PveCluster.Cli.Tests;

public class ExpectedCommandTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("3", 3)]
    [InlineData("0012", 12)]
    public void Positive_integers_are_accepted(string text, int votes)
    {
        Assert.True(ExpectedCommand.TryParseVotes(text, out var parsed, out var problem));
        Assert.Equal(votes, parsed);
        Assert.Empty(problem);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("+2")]
    [InlineData(" 2")]
    [InlineData("2.5")]
    [InlineData("three")]
    [InlineData("99999999999")]
    [InlineData("")]
    public void Anything_else_is_refused_with_a_reason(string text)
    {
        Assert.False(ExpectedCommand.TryParseVotes(text, out _, out var problem));
        Assert.StartsWith("expected votes must be a positive integer", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_numbers_are_usage_errors_and_do_not_contact_corosync()
    {
        using var pvecm = new PvecmRunner(new FakeCluster(FakeCluster.IsolatedNode3()));

        Assert.Equal(ExitCodes.Usage, pvecm.Run("expected", "zero"));

        Assert.Equal("expected votes must be a positive integer, got 'zero'\n", pvecm.Error.ToString());
        Assert.Equal(0, pvecm.Connects);
    }

    [Fact]
    public void Missing_argument_is_a_usage_error()
    {
        using var pvecm = new PvecmRunner(new FakeCluster(FakeCluster.IsolatedNode3()));
        Assert.Equal(ExitCodes.Usage, pvecm.Run("expected"));
    }

    [Fact]
    public void Isolated_node_can_lower_expected_votes_to_one()
    {
        var cluster = new FakeCluster(FakeCluster.IsolatedNode3());
        using var pvecm = new PvecmRunner(cluster);

        Assert.Equal(ExitCodes.Ok, pvecm.Run("expected", "1"));

        Assert.Equal([1], cluster.ExpectedVotesRequests);
        Assert.Equal("expected votes set to 1 (quorum 1)\n", pvecm.Out.ToString());
        Assert.Contains("splits brain", pvecm.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_than_the_votes_present_is_refused_before_asking_corosync()
    {
        var cluster = new FakeCluster(FakeCluster.TwoOfThree());
        using var pvecm = new PvecmRunner(cluster);

        Assert.Equal(ExitCodes.Failure, pvecm.Run("expected", "1"));

        Assert.Empty(cluster.ExpectedVotesRequests);
        var error = pvecm.Error.ToString();
        Assert.StartsWith("cannot set expected votes: expected votes 1 is lower than the 2 votes present", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_refusal_by_corosync_is_explained()
    {
        var cluster = new FakeCluster(FakeCluster.TwoOfThree())
        {
            SetExpectedFailure = new CorosyncException(CsError.InvalidParam, "votequorum_setexpected"),
        };
        using var pvecm = new PvecmRunner(cluster);

        Assert.Equal(ExitCodes.Failure, pvecm.Run("expected", "3"));

        Assert.Equal([3], cluster.ExpectedVotesRequests);
        Assert.StartsWith("corosync refused expected votes 3 (CS_ERR_INVALID_PARAM)", pvecm.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Losing_the_connection_midway_is_reported_as_such()
    {
        var cluster = new FakeCluster(FakeCluster.TwoOfThree())
        {
            SetExpectedFailure = new CorosyncException(CsError.Library, "votequorum_setexpected"),
        };
        using var pvecm = new PvecmRunner(cluster);

        Assert.Equal(ExitCodes.Failure, pvecm.Run("expected", "3"));

        Assert.Equal("lost the connection to corosync (votequorum_setexpected): is corosync restarting?\n", pvecm.Error.ToString());
    }

    [Fact]
    public void Json_output_reports_the_new_quorum()
    {
        using var pvecm = new PvecmRunner(new FakeCluster(FakeCluster.TwoOfThree()));

        Assert.Equal(ExitCodes.Ok, pvecm.Run("expected", "2", "--output-format", "json"));

        using var json = JsonDocument.Parse(pvecm.Out.ToString());
        Assert.Equal(2, json.RootElement.GetProperty("expectedVotes").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("quorum").GetInt32());
        Assert.True(json.RootElement.GetProperty("quorate").GetBoolean());
    }
}
