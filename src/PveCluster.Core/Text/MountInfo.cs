using System.Globalization;
using System.Text;

namespace PveCluster.Core.Text;

/// <summary>
/// One line of <c>/proc/self/mountinfo</c> (proc(5)), the parts pmxcfs and the lab need. Reading the
/// file is the caller's business; this is the format only.
/// </summary>
public sealed record MountInfo(string MountPoint, uint Major, uint Minor, string FileSystemType)
{
    /// <summary>
    /// Format: id parent major:minor root mountpoint options [optional...] - fstype source superoptions.
    /// Null for a line that does not have this shape.
    /// </summary>
    public static MountInfo? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.Split(' ');
        var separator = Array.IndexOf(fields, "-");
        if (fields.Length < 5 || separator < 5 || separator + 1 >= fields.Length)
        {
            return null;
        }
        var device = fields[2].Split(':');
        if (device.Length != 2
            || !uint.TryParse(device[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !uint.TryParse(device[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return null;
        }
        return new MountInfo(Unescape(fields[4]), major, minor, fields[separator + 1]);
    }

    /// <summary>The kernel writes space, tab, newline and backslash in paths as \ooo octal escapes.</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }
        var bytes = new List<byte>(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                bytes.Add(Convert.ToByte(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(field[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static bool IsOctal(string text, int start) =>
        start + 3 <= text.Length && text.AsSpan(start, 3).IndexOfAnyExceptInRange('0', '7') < 0;
}
