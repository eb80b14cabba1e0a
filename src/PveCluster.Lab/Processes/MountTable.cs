namespace PveCluster.Lab.Processes;

/// <summary>Reads this process's mount table (/proc/self/mountinfo).</summary>
public static class MountTable
{
    public static IReadOnlyList<string> MountPoints()
    {
        // Field 5 is the mount point; spaces and similar characters are octal-escaped (\040).
        return File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length > 4)
            .Select(fields => Unescape(fields[4]))
            .ToList();
    }

    public static bool IsMountPoint(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd('/');
        return MountPoints().Any(m => string.Equals(m, full, StringComparison.Ordinal));
    }

    public static IReadOnlyList<string> MountPointsBelow(string directory)
    {
        var full = Path.GetFullPath(directory).TrimEnd('/');
        return MountPoints()
            .Where(m => string.Equals(m, full, StringComparison.Ordinal) || m.StartsWith(full + "/", StringComparison.Ordinal))
            .ToList();
    }

    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length)
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }
        return text.ToString();
    }
}
