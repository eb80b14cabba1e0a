namespace PveCluster.Core.CorosyncConf;

/// <summary>
/// One link of a new cluster: its number (0..7), this node's address on it and an optional
/// <c>knet_link_priority</c> (0..255; in passive mode the link with the HIGHEST number carries the traffic).
/// </summary>
public sealed record InitialLink(int Number, string Address, int? Priority = null);
