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
    /// <remarks>Runs on every lookup, getattr and open: it walks the path without allocating.</remarks>
    private static int PrivateDepth(string path)
    {
        var span = path.AsSpan();
        var count = 0;
        var topIsPriv = false;
        var topIsNodes = false;
        var thirdIsPriv = false;
        foreach (var range in span.Split('/'))
        {
            var segment = span[range];
            if (segment.IsEmpty)
                continue;
            switch (count)
            {
                case 0:
                    topIsPriv = segment.SequenceEqual("priv");
                    topIsNodes = segment.SequenceEqual("nodes");
                    break;
                case 2:
                    thirdIsPriv = segment.SequenceEqual("priv");
                    break;
            }

            count++;
        }

        if (count >= 1 && topIsPriv)
            return count - 1;
        if (count >= 3 && topIsNodes && thirdIsPriv)
            return count - 3;
        return -1;
    }
}
