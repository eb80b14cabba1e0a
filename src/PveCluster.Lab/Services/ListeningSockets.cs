using System.Globalization;

namespace PveCluster.Lab.Services;

/// <summary>Whether a TCP port listens in a process's network namespace (/proc/PID/net/tcp and tcp6).</summary>
public static class ListeningSockets
{
    private const string ListenState = "0A";

    public static bool IsListening(int pid, int port)
    {
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var table in new[] { "tcp", "tcp6" })
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/net/{table}");
            }
            catch (IOException)
            {
                continue;
            }
            // "sl local_address rem_address st ...", local_address = HEXADDR:HEXPORT.
            if (lines.Skip(1).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Any(fields => fields.Length > 3 && fields[3] == ListenState && fields[1].EndsWith(":" + hexPort, StringComparison.Ordinal)))
            {
                return true;
            }
        }
        return false;
    }
}
