namespace PveCluster.Corosync.Cmap;

/// <summary><c>cmap_map_t</c>: the config/runtime map, or the statistics map (knet link stats).</summary>
public enum CmapMap
{
    Default = 0,
    Stats = 1,
}
