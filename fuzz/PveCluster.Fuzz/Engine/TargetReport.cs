using System.Globalization;

namespace PveCluster.Fuzz.Engine;

/// <summary>What one target did with its inputs.</summary>
internal sealed class TargetReport(string target)
{
    private readonly List<Finding> _shown = [];

    public string Target { get; } = target;

    public long Inputs { get; set; }

    public long Accepted { get; set; }

    public long Rejected { get; set; }

    public long Failures { get; private set; }

    public TimeSpan Elapsed { get; set; }

    /// <summary>The most CPU time one input took, to show how far inputs stay from the hang bound.</summary>
    public TimeSpan SlowestInput { get; set; }

    public IReadOnlyList<Finding> Findings => _shown;

    public bool Passed => Failures == 0;

    public void Add(Finding finding, int maxShown)
    {
        Failures++;
        if (_shown.Count < maxShown)
        {
            _shown.Add(finding);
        }
    }

    public string SummaryLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Target,-16} {Inputs,10} {Accepted,10} {Rejected,10} {Failures,8} {Elapsed.TotalSeconds,9:F1} {SlowestInput.TotalMilliseconds,9:F1}");

    public const string SummaryHeader = "target             inputs   accepted   rejected failures   seconds max-cpu-ms";
}
