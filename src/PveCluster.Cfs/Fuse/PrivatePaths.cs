namespace PveCluster.Cfs.Fuse;

/// <summary>
/// Where the root-only areas are: the top-level <c>priv/</c> and every <c>nodes/&lt;node&gt;/priv/</c>.
/// They hold keys and secrets, so non-root callers may see that the directory exists but nothing
/// inside it.
/// </summary>
internal static class PrivatePaths
{
    /// <summary>True for a priv directory itself and for everything below it.</summary>
    public static bool IsPrivate(string path) => PrivateDepth(path) >= 0;

    /// <summary>True only below a priv directory (not for the directory itself).</summary>
    public static bool IsInsidePrivate(string path) => PrivateDepth(path) > 0;

    /// <summary>-1 outside priv, 0 for the priv directory itself, n for n levels below it.</summary>
    private static int PrivateDepth(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 1 && segments[0] == "priv")
            return segments.Length - 1;
        if (segments.Length >= 3 && segments[0] == "nodes" && segments[2] == "priv")
            return segments.Length - 3;
        return -1;
    }
}
