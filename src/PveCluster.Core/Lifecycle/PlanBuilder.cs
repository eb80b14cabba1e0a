namespace PveCluster.Core.Lifecycle;

/// <summary>Collects findings while a planner runs; planners check every rule instead of stopping at the first.</summary>
internal sealed class PlanBuilder
{
    public List<string> Errors { get; } = [];

    public List<string> Warnings { get; } = [];

    public List<string> Steps { get; } = [];

    public List<string> Notes { get; } = [];

    public bool HasErrors => Errors.Count > 0;

    public void Error(string message) => Errors.Add(message);

    public void Warning(string message) => Warnings.Add(message);

    public void Step(string description) => Steps.Add(description);

    public void Note(string message) => Notes.Add(message);

    /// <summary>An error, or with <paramref name="forced"/> a warning that says the check was overridden.</summary>
    public void ErrorUnlessForced(string message, bool forced)
    {
        if (forced)
        {
            Warnings.Add($"{message} (ignored because of --force)");
        }
        else
        {
            Errors.Add(message);
        }
    }
}
