namespace PveCluster.Core.Lifecycle;

/// <summary>A lifecycle operation was attempted although its <see cref="Plan"/> refuses it.</summary>
public sealed class PlanRefusedException : InvalidOperationException
{
    public PlanRefusedException()
    {
        Errors = [];
    }

    public PlanRefusedException(string message)
        : base(message)
    {
        Errors = [message];
    }

    public PlanRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public PlanRefusedException(Plan plan)
        : base(Describe(plan))
    {
        Errors = plan.Errors;
    }

    /// <summary>Every reason the plan gave.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string Describe(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return $"{plan.Title}: refused:\n" + string.Join('\n', plan.Errors.Select(e => $"  - {e}"));
    }
}
