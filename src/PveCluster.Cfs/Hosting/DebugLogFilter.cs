using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Views;

namespace PveCluster.Cfs.Hosting;

/// <summary>Lets debug messages through only while the debug switch is on (-d or "echo 1 > .debug").</summary>
internal static class DebugLogFilter
{
    public static bool Allows(DebugSwitch debug, LogLevel level) =>
        level >= (debug.Enabled ? LogLevel.Debug : LogLevel.Information);
}
