using System.Globalization;
using PveCluster.Api.Envelope;
using PveCluster.Api.Join;

namespace PveCluster.Api.Tasks;

/// <summary>Reads a <see cref="TaskQuery"/> from the request parameters, with Proxmox's names; every bad value is a 400.</summary>
public static class TaskQueryParameters
{
    public static readonly ParameterSchema Schema =
        ParameterSchema.Of("start", "limit", "userfilter", "typefilter", "errors", "source", "since", "until");

    public static TaskQuery Read(IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var source = parameters.GetValueOrDefault("source") switch
        {
            null or "archive" => TaskSource.Archive,
            "active" => TaskSource.Active,
            "all" => TaskSource.All,
            var other => Invalid(errors, "source", $"value '{other}' does not have a value in the enumeration 'archive, active, all'"),
        };
        var query = new TaskQuery
        {
            Start = (int)(Integer(parameters, "start", errors) ?? 0),
            Limit = (int)(Integer(parameters, "limit", errors) ?? TaskQuery.DefaultLimit),
            User = NonEmpty(parameters, "userfilter"),
            Type = NonEmpty(parameters, "typefilter"),
            ErrorsOnly = JoinParameters.Flag(parameters, "errors", errors),
            Source = source,
            Since = Integer(parameters, "since", errors),
            Until = Integer(parameters, "until", errors),
        };
        JoinParameters.ThrowIfAny(errors);
        return query;
    }

    private static TaskSource Invalid(Dictionary<string, string> errors, string name, string problem)
    {
        errors[name] = problem;
        return TaskSource.Archive;
    }

    private static string? NonEmpty(IReadOnlyDictionary<string, string> parameters, string name) =>
        parameters.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;

    /// <summary>A non-negative integer (counts and Unix times); limits keep start and limit within int.</summary>
    private static long? Integer(IReadOnlyDictionary<string, string> parameters, string name, Dictionary<string, string> errors)
    {
        if (!parameters.TryGetValue(name, out var text) || text.Length == 0)
        {
            return null;
        }

        var max = name is "start" or "limit" ? int.MaxValue : long.MaxValue;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= max)
        {
            return value;
        }

        errors[name] = $"type check ('integer', minimum 0) failed - got '{text}'";
        return null;
    }
}
