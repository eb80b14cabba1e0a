using System.Globalization;
using System.Text.RegularExpressions;

namespace PveCluster.Core.Links.Probe;

/// <summary>Reads the summary line of iputils <c>ping -q</c>: <c>rtt min/avg/max/mdev = 0.032/0.041/0.072/0.015 ms</c>.</summary>
public static partial class PingSummary
{
    /// <summary>The average round trip in milliseconds, or null when the output has no summary (no answer).</summary>
    public static double? Average(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var match = Summary().Match(output);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"(?:rtt|round-trip) min/avg/max(?:/mdev|/stddev)? = [0-9.]+/([0-9.]+)/")]
    private static partial Regex Summary();
}
