namespace PveCluster.Core.CorosyncConf;

/// <summary>The <c>quorum.device.net</c> section: where qnetd runs and how it decides ties.</summary>
public sealed class QdeviceNetView(ConfSection section)
{
    public const string SectionName = "net";

    public ConfSection Section { get; } = section ?? throw new ArgumentNullException(nameof(section));

    public string? Host { get => Section.GetValue("host"); set => ConfValues.Set(Section, "host", value); }

    /// <summary><c>ffsplit</c> (fifty-fifty split) or <c>lms</c> (last man standing).</summary>
    public string? Algorithm { get => Section.GetValue("algorithm"); set => ConfValues.Set(Section, "algorithm", value); }

    /// <summary><c>on</c>, <c>off</c> or <c>required</c>.</summary>
    public string? Tls { get => Section.GetValue("tls"); set => ConfValues.Set(Section, "tls", value); }

    /// <summary><c>lowest</c>, <c>highest</c> or a node id.</summary>
    public string? TieBreaker { get => Section.GetValue("tie_breaker"); set => ConfValues.Set(Section, "tie_breaker", value); }
}
