using System.CommandLine;
using System.Globalization;
using PveCluster.Cli.Output;
using PveCluster.Core.Quorum;
using PveCluster.Corosync;
using PveCluster.Lifecycle.Cluster;

namespace PveCluster.Cli.Commands;

/// <summary>
/// <c>pvecm expected N</c>: checks N against the partition first (corosync only answers
/// CS_ERR_INVALID_PARAM), then calls votequorum_setexpected.
/// </summary>
internal static class ExpectedCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var votes = new Argument<string>("expected") { Description = "New expected votes (a positive integer, at least the votes present)." };
        var format = OutputFormat.CreateOption();
        var command = new Command("expected", "Tell corosync a new number of expected votes (e.g. 1 to regain quorum on an isolated node).")
        {
            votes,
            format,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!TryParseVotes(parseResult.GetValue(votes), out var expected, out var problem))
            {
                await environment.Error.WriteLineAsync(problem.AsMemory(), cancellationToken).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var json = parseResult.GetValue(format) == OutputFormat.Json;
            return await ClusterCommandRunner.RunAsync(
                environment, connection => ApplyAsync(environment, connection, expected, json, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Only the shape of N is a usage error; whether the cluster accepts it is decided later.</summary>
    internal static bool TryParseVotes(string? text, out int votes, out string problem)
    {
        problem = string.Empty;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out votes))
        {
            problem = $"expected votes must be a positive integer, got '{text}'";
            return false;
        }

        if (votes < 1)
        {
            problem = $"expected votes must be a positive integer, got {votes}";
            return false;
        }

        return true;
    }

    private static async Task<int> ApplyAsync(
        CliEnvironment environment, IClusterConnection connection, int expected, bool json, CancellationToken cancellationToken)
    {
        var before = (await connection.ReadStatusAsync(cancellationToken).ConfigureAwait(false)).Quorum;
        ExpectedVotesPlan plan;
        try
        {
            plan = ExpectedVotesRules.Plan(ToState(before), expected);
        }
        catch (QuorumRuleException ex)
        {
            throw new CliException($"cannot set expected votes: {ex.Message}", ExitCodes.Failure, ex);
        }

        try
        {
            await connection.SetExpectedVotesAsync(expected, cancellationToken).ConfigureAwait(false);
        }
        catch (CorosyncException ex) when (ex.Error == CsError.InvalidParam)
        {
            throw new CliException(
                $"corosync refused expected votes {expected} (CS_ERR_INVALID_PARAM): it must be at least the {before.TotalVotes} " +
                "votes present in this partition and must not take quorum away from a quorate partition",
                ExitCodes.Failure,
                ex);
        }

        if (plan.Warning is not null && !json)
        {
            await environment.Error.WriteLineAsync(plan.Warning.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        var text = json
            ? PvecmJson.Expected(plan) + "\n"
            : string.Create(CultureInfo.InvariantCulture, $"expected votes set to {plan.ExpectedVotes} (quorum {plan.Quorum})\n");
        await environment.Out.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    internal static QuorumState ToState(QuorumStatusSnapshot snapshot) => new(
        snapshot.Members.Count,
        snapshot.TotalVotes,
        snapshot.ExpectedVotes,
        snapshot.HighestExpected,
        snapshot.Quorum,
        snapshot.IsQuorate,
        snapshot.Flags);
}
