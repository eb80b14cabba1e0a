using System.Globalization;

namespace PveCluster.Integration.Tests.Cfs.Chaos;

/// <summary>
/// Seed and length of a chaos run. CI runs the bounded default with a fresh seed; a run is repeated
/// (same sequence of actions and writer choices; the timing of real corosync still varies) with
/// PVE_CHAOS_SEED, and made longer with PVE_CHAOS_SECONDS (scripts/chaos.sh).
/// </summary>
public sealed record ChaosSettings(int Seed, TimeSpan Duration, string ReportDirectory)
{
    public const string SeedVariable = "PVE_CHAOS_SEED";
    public const string SecondsVariable = "PVE_CHAOS_SECONDS";
    public const string ReportVariable = "PVE_CHAOS_REPORT_DIR";
    public const int DefaultSeconds = 75;

    public static ChaosSettings FromEnvironment()
    {
        var seed = Read(SeedVariable) is { } s ? s : Random.Shared.Next(1, 1_000_000);
        var seconds = Read(SecondsVariable) is { } d ? d : DefaultSeconds;
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var parent = Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } p ? p : Path.GetTempPath();
        return new ChaosSettings(seed, TimeSpan.FromSeconds(seconds), Path.Combine(parent, $"pve-chaos-{stamp}-seed{seed}"));
    }

    private static int? Read(string variable)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{variable}='{text}' is not a positive whole number");
    }
}
