using System.Globalization;
using PveCluster.Lab.Processes;
using PveCluster.Lab.State;

namespace PveCluster.Lab.Services;

/// <summary>
/// Where a node keeps its service records: /run/pvelab-node inside the node (its private /run), one
/// "PID COMM" file and one output log per service, plus the PVE_SERVICE_CONTROL script. The host
/// reads the same files through the node's bind source.
/// </summary>
public sealed class ServiceRunDirectory
{
    /// <summary>The directory as seen inside a node.</summary>
    public const string InNode = "/run/pvelab-node";

    /// <summary>PVE_SERVICE_CONTROL inside every node.</summary>
    public const string ControlScript = InNode + "/service-control";

    public ServiceRunDirectory(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public string PidFile(string service) => System.IO.Path.Combine(Path, service + ".pid");

    public string Log(string service) => System.IO.Path.Combine(Path, service + ".log");

    public string PidScratch(string service) => System.IO.Path.Combine(Path, service + ".starting");

    /// <summary>The running process of <paramref name="service"/>, or null (no record, or the PID now belongs to someone else).</summary>
    public LabProcess? Find(int node, string service)
    {
        string text;
        try
        {
            text = File.ReadAllText(PidFile(service));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        var parts = text.Trim().Split(' ', 2);
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            throw new LabException($"{PidFile(service)}: line 1: expected 'PID COMM', got '{text.Trim()}'");
        }
        return ProcessProbe.IsAlive(pid, parts[1]) ? new LabProcess(node, service, pid, parts[1]) : null;
    }

    public void Record(string service, int pid, string comm)
    {
        Directory.CreateDirectory(Path);
        var temp = PidFile(service) + ".tmp";
        File.WriteAllText(temp, $"{pid.ToString(CultureInfo.InvariantCulture)} {comm}\n");
        File.Move(temp, PidFile(service), overwrite: true);
    }

    public void Forget(string service) => File.Delete(PidFile(service));
}
