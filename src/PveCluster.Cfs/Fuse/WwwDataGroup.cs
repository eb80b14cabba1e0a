using System.Globalization;

namespace PveCluster.Cfs.Fuse;

/// <summary>Looks up the group id of www-data, which the API daemons run as and which owns the mount.</summary>
internal static class WwwDataGroup
{
    public const string GroupName = "www-data";

    /// <summary>The gid from an /etc/group-format file, or 0 (root) when the group or the file is missing.</summary>
    public static uint Resolve(string groupFile = "/etc/group")
    {
        if (!File.Exists(groupFile))
            return 0;
        foreach (var line in File.ReadLines(groupFile))
        {
            var fields = line.Split(':');
            if (fields.Length >= 3 && fields[0] == GroupName
                && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
                return gid;
        }

        return 0;
    }
}
