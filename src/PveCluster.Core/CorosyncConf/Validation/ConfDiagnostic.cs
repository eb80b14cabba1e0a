namespace PveCluster.Core.CorosyncConf;

public enum ConfSeverity
{
    /// <summary>Works, but is risky or unusual.</summary>
    Warning,

    /// <summary>corosync would refuse it, or the cluster would not work as intended.</summary>
    Error,
}

/// <summary>One finding of <see cref="CorosyncConfValidator"/>; <see cref="Line"/> is 1-based when the item came from a file.</summary>
public sealed record ConfDiagnostic(ConfSeverity Severity, string Message, int? Line = null)
{
    public override string ToString() =>
        $"{(Severity == ConfSeverity.Error ? "error" : "warning")}{(Line is { } l ? $" (line {l})" : "")}: {Message}";
}
