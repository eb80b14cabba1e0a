using System.Globalization;

namespace PveCluster.Integration.Tests.Cfs.Chaos;

/// <summary>
/// The one clock of a chaos run: CLOCK_REALTIME in seconds, shared by the test process and the
/// writers inside the node namespaces (namespaces do not separate the real-time clock).
/// </summary>
public static class ChaosClock
{
    public static double Now() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;

    public static string Format(double seconds) =>
        DateTime.UnixEpoch.AddSeconds(seconds).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
