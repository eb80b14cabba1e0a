using System.Globalization;

namespace PveCluster.Api.Daemon;

/// <summary>A user of /etc/passwd: pveproxy runs as www-data, the only user besides root that may reach pvedaemon.</summary>
public sealed record SystemAccount(string Name, uint Uid, uint Gid)
{
    public const string ProxyUserName = "www-data";

    /// <summary>The account from an /etc/passwd-format file.</summary>
    /// <exception cref="InvalidOperationException">No such user: pvedaemon cannot decide who may connect.</exception>
    public static SystemAccount Find(string name, string passwdFile = "/etc/passwd")
    {
        foreach (var line in File.ReadLines(passwdFile))
        {
            var fields = line.Split(':');
            if (fields.Length >= 4 && fields[0] == name
                && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                && uint.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                return new SystemAccount(name, uid, gid);
            }
        }

        throw new InvalidOperationException($"user '{name}' does not exist in {passwdFile} (Debian creates it with the base system)");
    }
}
