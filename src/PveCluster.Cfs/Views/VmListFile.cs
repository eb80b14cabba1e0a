using System.Globalization;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Views;

/// <summary>
/// <c>.vmlist</c>: every guest in the cluster with the node that owns it, its type and the tree
/// version of its config. "version" moves whenever the set of guests or their placement changes.
/// </summary>
internal sealed class VmListFile(IConfigTree tree) : IGeneratedFile
{
    private readonly ChangeCounter<IReadOnlyList<(uint, string, GuestType)>> _version =
        new(SequenceComparer<(uint, string, GuestType)>.Instance);

    public bool IsWritable => false;

    public string Name => ".vmlist";

    public uint Permissions => 0b100_100_000; // 0440

    public uint Version => _version.Version;

    public byte[] Render()
    {
        var guests = GuestConfigScanner.Scan(tree);
        var version = _version.Observe([.. guests.Select(g => (g.VmId, g.Node, g.Type))]);

        return JsonView.Write(json =>
        {
            json.WriteNumber("version", version);
            if (guests.Count == 0)
                return;
            json.WriteStartObject("ids");
            foreach (var guest in guests)
            {
                json.WriteStartObject(guest.VmId.ToString(CultureInfo.InvariantCulture));
                json.WriteString("node", guest.Node);
                json.WriteString("type", guest.Type == GuestType.Qemu ? "qemu" : "lxc");
                json.WriteNumber("version", guest.Version);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        });
    }

    public CfsError Write(ReadOnlySpan<byte> content) => CfsError.AccessDenied;
}
