namespace PveCluster.Cfs.Views;

/// <summary>Reads the cluster summary out of corosync.conf text.</summary>
internal interface IClusterConfigurationParser
{
    /// <summary>Throws <see cref="FormatException"/> with a line number when the text is not a usable corosync.conf.</summary>
    ClusterConfiguration Parse(string text);
}
