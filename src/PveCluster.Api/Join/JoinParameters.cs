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

    public static ulong? Number(IReadOnlyDictionary<string, string> parameters, string name, Dictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(errors);
        if (!parameters.TryGetValue(name, out var text) || text.Length == 0)
        {
            return null;
        }

        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[name] = $"type check ('integer') failed - got '{text}'";
        return null;
    }

    /// <summary>The <c>votes</c> parameter, within what corosync accepts for one node.</summary>
    public static ulong? Votes(IReadOnlyDictionary<string, string> parameters, Dictionary<string, string> errors)
    {
        var votes = Number(parameters, "votes", errors);
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
        if (Number(parameters, "apiversion", errors) is { } version && Math.Abs((long)Math.Min(version, int.MaxValue) - ApiVersion) > ApiAge)
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
