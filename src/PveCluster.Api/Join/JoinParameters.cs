using System.Globalization;
using PveCluster.Api.Envelope;
using PveCluster.Core.Links;
using PveCluster.Core.Quorum;

namespace PveCluster.Api.Join;

/// <summary>Typed reading of the form parameters the join endpoints take; every problem becomes a parameter error.</summary>
public static class JoinParameters
{
    /// <summary>Proxmox JOIN_API_VERSION and how many versions older or newer a joining node may be.</summary>
    public const int ApiVersion = 1;

    public const int ApiAge = 1;

    private static readonly string[] LinkNames =
        [.. Enumerable.Range(LinkSpec.MinNumber, LinkSpec.MaxNumber - LinkSpec.MinNumber + 1).Select(LinkSpec.OptionNameFor)];

    /// <summary><c>POST /cluster/config</c> (create).</summary>
    public static ParameterSchema CreateSchema { get; } = ParameterSchema.Of([.. LinkNames, "clustername", "nodeid", "votes"]);

    /// <summary><c>POST /cluster/config/join</c>; the peer's root password only in the body.</summary>
    public static ParameterSchema JoinSchema { get; } =
        ParameterSchema.Of([.. LinkNames, "hostname", "fingerprint", "nodeid", "votes", "force"]).WithBodyOnly("password");

    /// <summary><c>POST /cluster/config/nodes/{node}</c>, the member's half of a join.</summary>
    public static ParameterSchema AddNodeSchema { get; } =
        ParameterSchema.Of([.. LinkNames, "nodeid", "votes", "force", "new_node_ip", "apiversion"]);

    public static List<LinkSpec> Links(IReadOnlyDictionary<string, string> parameters, Dictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(errors);
        var links = new List<LinkSpec>();
        for (var number = LinkSpec.MinNumber; number <= LinkSpec.MaxNumber; number++)
        {
            var name = LinkSpec.OptionNameFor(number);
            if (!parameters.TryGetValue(name, out var value) || value.Length == 0)
            {
                continue;
            }

            try
            {
                links.Add(LinkSpecParser.Parse(number, value));
            }
            catch (LinkFormatException ex)
            {
                errors[name] = ex.Message;
            }
        }

        return links;
    }

    /// <summary>Corosync node ids are unsigned 32-bit and 0 is reserved (the same range the corosync.conf rules use).</summary>
    public static ulong? NodeId(IReadOnlyDictionary<string, string> parameters, Dictionary<string, string> errors) =>
        Number(parameters, "nodeid", errors, 1, uint.MaxValue);

    /// <summary>A non-negative integer in [<paramref name="minimum"/>, <paramref name="maximum"/>], with Proxmox's wording for each problem.</summary>
    public static ulong? Number(IReadOnlyDictionary<string, string> parameters, string name, Dictionary<string, string> errors,
        ulong minimum, ulong maximum)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(errors);
        if (!parameters.TryGetValue(name, out var text) || text.Length == 0)
        {
            return null;
        }

        var digits = text.StartsWith('+') ? text[1..] : text;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            errors[name] = text.StartsWith('-') && text.Length > 1 && text[1..].All(char.IsAsciiDigit)
                ? $"value must have a minimum value of {minimum}"
                : $"type check ('integer') failed - got '{text}'";
            return null;
        }

        if (!ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > maximum)
        {
            errors[name] = $"value must have a maximum value of {maximum}";
            return null;
        }

        if (value < minimum)
        {
            errors[name] = $"value must have a minimum value of {minimum}";
            return null;
        }

        return value;
    }

    /// <summary>
    /// The <c>votes</c> parameter: an unsigned 32-bit integer as corosync keeps <c>quorum_votes</c> (Proxmox's wording
    /// for range errors), then within what corosync accepts for one node; the planners apply the cluster-wide rules.
    /// </summary>
    public static ulong? Votes(IReadOnlyDictionary<string, string> parameters, Dictionary<string, string> errors)
    {
        var votes = Number(parameters, "votes", errors, 0, uint.MaxValue);
        if (votes is { } value && VoteRules.CheckNodeVotes(value) is { } problem)
        {
            errors["votes"] = problem;
            return null;
        }

        return votes;
    }

    public static bool Flag(IReadOnlyDictionary<string, string> parameters, string name, Dictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(errors);
        if (!parameters.TryGetValue(name, out var text) || text.Length == 0)
        {
            return false;
        }

        switch (text)
        {
            case "1" or "true":
                return true;
            case "0" or "false":
                return false;
            default:
                errors[name] = $"type check ('boolean') failed - got '{text}'";
                return false;
        }
    }

    /// <summary>Refuses a joining node whose join API is too old or too new (an absent version is taken as ours).</summary>
    public static void CheckApiVersion(IReadOnlyDictionary<string, string> parameters, Dictionary<string, string> errors)
    {
        if (Number(parameters, "apiversion", errors, 0, int.MaxValue) is { } version && Math.Abs((long)version - ApiVersion) > ApiAge)
        {
            errors["apiversion"] = string.Create(
                CultureInfo.InvariantCulture,
                $"the joining node's join API version {version} is incompatible with this cluster's ({ApiVersion}); upgrade the older side first");
        }
    }

    public static void ThrowIfAny(Dictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count > 0)
        {
            throw ApiException.BadParameters(errors);
        }
    }
}
