namespace PveCluster.Core.CorosyncConf;

/// <summary>The <c>quorum</c> section (votequorum options and the optional quorum device).</summary>
public sealed class QuorumView(ConfSection section)
{
    public const string VotequorumProvider = "corosync_votequorum";
    private const string Path = "quorum";

    public ConfSection Section { get; } = section ?? throw new ArgumentNullException(nameof(section));

    public string? Provider { get => Section.GetValue("provider"); set => ConfValues.Set(Section, "provider", value); }

    public ulong? ExpectedVotes
    {
        get => ConfValues.GetUnsigned(Section, "expected_votes", Path);
        set => ConfValues.Set(Section, "expected_votes", value);
    }

    public bool? TwoNode { get => ConfValues.GetFlag(Section, "two_node", Path); set => ConfValues.SetFlag(Section, "two_node", value); }

    public bool? WaitForAll
    {
        get => ConfValues.GetFlag(Section, "wait_for_all", Path);
        set => ConfValues.SetFlag(Section, "wait_for_all", value);
    }

    public bool? LastManStanding
    {
        get => ConfValues.GetFlag(Section, "last_man_standing", Path);
        set => ConfValues.SetFlag(Section, "last_man_standing", value);
    }

    public bool? AutoTieBreaker
    {
        get => ConfValues.GetFlag(Section, "auto_tie_breaker", Path);
        set => ConfValues.SetFlag(Section, "auto_tie_breaker", value);
    }

    /// <summary>The <c>device</c> subsection, or null when no quorum device is configured.</summary>
    public QuorumDeviceView? Device =>
        Section.GetSection(QuorumDeviceView.SectionName) is { } device ? new QuorumDeviceView(device) : null;
}
