using Microsoft.Extensions.Logging;
using PveCluster.Core.Guests;

namespace PveCluster.Guests;

/// <summary>Reads this node's guest configs (<c>local/qemu-server/ID.conf</c>, <c>local/lxc/ID.conf</c>).</summary>
internal sealed class NodeGuestScanner(PveDirectory pve, ILogger logger)
{
    private static readonly (string Directory, GuestType Type)[] Kinds = [("qemu-server", GuestType.Qemu), ("lxc", GuestType.Lxc)];

    public async Task<IReadOnlyList<NodeGuest>> ScanAsync(CancellationToken cancellationToken)
    {
        var guests = new List<NodeGuest>();
        foreach (var (directory, type) in Kinds)
        {
            var path = pve.GuestDirectory(directory);
            if (!Directory.Exists(path))
                continue;

            foreach (var file in Directory.EnumerateFiles(path, "*.conf"))
            {
                if (!TryParseVmId(Path.GetFileName(file), out var vmid))
                    continue;

                string text;
                try
                {
                    text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException ex)
                {
                    logger.LogError("guest {VmId}: cannot read {File}: {Message}", vmid, file, ex.Message);
                    continue;
                }

                var settings = GuestConfigReader.Read(text);
                foreach (var problem in settings.Problems)
                    logger.LogWarning("guest {VmId} ({File}): {Problem}", vmid, file, problem);
                guests.Add(new NodeGuest(vmid, type, settings));
            }
        }

        return guests;
    }

    /// <summary>"100.conf" -> 100; a guest id is a decimal number of at least 100 without leading zeros (pve-vmid).</summary>
    internal static bool TryParseVmId(string fileName, out uint vmid)
    {
        vmid = 0;
        var digits = fileName.EndsWith(".conf", StringComparison.Ordinal) ? fileName[..^".conf".Length] : "";
        return digits.Length > 0 && digits[0] != '0' && digits.All(char.IsAsciiDigit)
            && uint.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out vmid)
            && vmid >= 100;
    }
}
