namespace PveCluster.Lab.State;

/// <summary>Everything `pvelab` knows about one lab; persisted as JSON in /run/pvelab/&lt;id&gt;/state.json.</summary>
public sealed class LabState
{
    public required string Id { get; init; }

    public required int SubnetIndex { get; init; }

    public required LabOptions Options { get; set; }

    public int ConfigVersion { get; set; } = 1;

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>In creation order; teardown walks it backwards.</summary>
    public List<LabResource> Resources { get; init; } = [];

    public List<LabProcess> Processes { get; init; } = [];
}
