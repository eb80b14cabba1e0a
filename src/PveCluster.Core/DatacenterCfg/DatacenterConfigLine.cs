namespace PveCluster.Core.DatacenterCfg;

/// <summary>One line of datacenter.cfg, kept so that writing the file back preserves comments and unknown keys.</summary>
/// <param name="Text">The line as read (or as generated for new entries), without the newline.</param>
/// <param name="Key">The key for a <c>key: value</c> line, or null for comments and blank lines.</param>
/// <param name="Value">The value for a <c>key: value</c> line, or null.</param>
/// <param name="LineNumber">1-based line number in the parsed text, or null for lines added since.</param>
public sealed record DatacenterConfigLine(string Text, string? Key, string? Value, int? LineNumber);
