using System.Text;

namespace PveCluster.Core.Lifecycle;

/// <summary>
/// The common result of every lifecycle decision (create, join, add node, delete node, QDevice):
/// what refuses the operation, what the admin should know, and the ordered steps that will run.
/// Planning never performs I/O; the caller shows <see cref="Explain"/> and then acts on the outputs
/// of the concrete plan.
/// </summary>
public abstract class Plan
{
    private protected Plan(string title, PlanBuilder findings)
    {
        ArgumentException.ThrowIfNullOrEmpty(title);
        ArgumentNullException.ThrowIfNull(findings);
        Title = title;
        Errors = [.. findings.Errors];
        Warnings = [.. findings.Warnings];
        Steps = [.. findings.Steps];
        Notes = [.. findings.Notes];
    }

    /// <summary>One line naming the operation, for example <c>Create cluster 'prod' on node 'pve1'</c>.</summary>
    public string Title { get; }

    /// <summary>Reasons the operation is refused; when any exist nothing may be changed.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Risks and surprises that do not block the operation.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>What will be done, in order, in words an admin understands.</summary>
    public IReadOnlyList<string> Steps { get; }

    /// <summary>Background the admin should know: quorum changes, which link carries traffic, follow-ups.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>True when nothing refuses the operation.</summary>
    public bool CanProceed => Errors.Count == 0;

    /// <summary>Throws <see cref="PlanRefusedException"/> listing every error when the plan is refused.</summary>
    public void EnsureCanProceed()
    {
        if (!CanProceed)
        {
            throw new PlanRefusedException(this);
        }
    }

    /// <summary>The text a CLI prints before acting: errors (or the numbered steps), warnings and notes.</summary>
    public string Explain()
    {
        var text = new StringBuilder();
        text.Append(Title).Append('\n');
        if (!CanProceed)
        {
            AppendList(text, "Refused, nothing will be changed:", Errors);
        }

        AppendList(text, "Warnings:", Warnings);
        if (CanProceed && Steps.Count > 0)
        {
            text.Append("\nWhat will be done:\n");
            for (var i = 0; i < Steps.Count; i++)
            {
                text.Append("  ").Append(i + 1).Append(". ").Append(Steps[i]).Append('\n');
            }
        }

        AppendList(text, "Good to know:", Notes);
        return text.ToString();
    }

    public override string ToString() => Explain();

    private static void AppendList(StringBuilder text, string heading, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        text.Append('\n').Append(heading).Append('\n');
        foreach (var item in items)
        {
            text.Append("  - ").Append(item).Append('\n');
        }
    }
}
