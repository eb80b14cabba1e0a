using PveCluster.Cfs.Status;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Views;

/// <summary><c>.clusterlog</c>: the newest cluster log entries as {"data": [...]}, newest first.</summary>
internal sealed class ClusterLogFile(ClusterLog log) : IGeneratedFile
{
    /// <summary>pmxcfs shows this many entries through the file; the API can ask for more.</summary>
    public const int MaxEntries = 50;

    public bool IsWritable => false;

    public string Name => ".clusterlog";

    public uint Permissions => 0b100_100_000; // 0440

    public byte[] Render() => JsonView.Write(json =>
    {
        json.WriteStartArray("data");
        foreach (var entry in log.Recent(MaxEntries))
        {
            json.WriteStartObject();
            json.WriteNumber("uid", entry.Uid);
            json.WriteNumber("time", entry.Time);
            json.WriteNumber("pri", entry.Priority);
            json.WriteString("tag", entry.Tag);
            json.WriteNumber("pid", entry.Pid);
            json.WriteString("node", entry.Node);
            json.WriteString("user", entry.User);
            json.WriteString("msg", entry.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    });

    public CfsError Write(ReadOnlySpan<byte> content) => CfsError.AccessDenied;
}
