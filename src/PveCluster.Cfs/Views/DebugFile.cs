using System.Text;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Views;

/// <summary><c>.debug</c>: reads "0" or "1"; writing "1" turns debug logging on, "0" off.</summary>
internal sealed class DebugFile(DebugSwitch debug) : IGeneratedFile
{
    public bool IsWritable => true;

    public string Name => ".debug";

    public uint Permissions => 0b110_100_000; // 0640

    public byte[] Render() => debug.Enabled ? "1\n"u8.ToArray() : "0\n"u8.ToArray();

    public CfsError Write(ReadOnlySpan<byte> content)
    {
        switch (Encoding.ASCII.GetString(content).Trim())
        {
            case "0":
                debug.Enabled = false;
                return CfsError.None;
            case "1":
                debug.Enabled = true;
                return CfsError.None;
            default:
                return CfsError.InvalidArgument;
        }
    }
}
