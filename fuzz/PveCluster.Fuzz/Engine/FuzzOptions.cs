namespace PveCluster.Fuzz.Engine;

/// <summary>How long to fuzz one target and how long one input may take.</summary>
/// <param name="Iterations">Inputs per target.</param>
/// <param name="Seed">Seeds every random choice; the same seed replays the same inputs.</param>
/// <param name="TimeLimit">Stop a target after this long even when inputs are left (null: no limit).</param>
/// <param name="InputTimeLimit">An input that takes more CPU time than this is a hang finding.</param>
/// <param name="MaxFindingsShown">Findings kept with their input per target (all are counted).</param>
/// <param name="ProgressInterval">How often a long run reports its counts so far (null: only at the end).</param>
internal sealed record FuzzOptions(
    long Iterations,
    int Seed,
    TimeSpan? TimeLimit = null,
    TimeSpan? InputTimeLimit = null,
    int MaxFindingsShown = 10,
    TimeSpan? ProgressInterval = null)
{
    /// <summary>Far above the slowest real input (well under a second for 512 KiB), so only a loop without end or a blow-up trips it on a busy machine.</summary>
    public static readonly TimeSpan DefaultInputTimeLimit = TimeSpan.FromSeconds(10);

    public TimeSpan EffectiveInputTimeLimit => InputTimeLimit ?? DefaultInputTimeLimit;
}
