namespace PveCluster.Integration.Tests.Boot;

/// <summary>
/// The stand-in for qm/pct that pve-guests calls in the boot test (there is no hypervisor in a container): it records
/// every start and shutdown with the time in ms and, for a start, pmxcfs's quorum flag at that moment, in
/// <see cref="RecordFile"/> (kept across reboots); a guest "runs" while its file in /run exists (gone after a reboot).
/// </summary>
public static class TestGuestTool
{
    public const string Path = "/usr/local/bin/test-guest";
    public const string RecordFile = "/var/lib/test-guests.log";

    /// <summary>/etc/default/pve-guests: pve-guests.service reads its options from there.</summary>
    public const string DefaultsFile = "/etc/default/pve-guests";

    public const string Defaults = $"PVE_GUESTS_OPTIONS=\"--qm {Path} --pct {Path}\"\n";

    public const string Script =
        """
        #!/bin/sh
        set -eu
        action=$1
        id=$2
        mkdir -p /run/test-guests
        case $action in
          status)
            if [ -e /run/test-guests/$id ]; then echo "status: running"; else echo "status: stopped"; fi ;;
          start)
            quorate=$(grep -o '"quorate": *[01]' /etc/pve/.members | tr -dc 01 || true)
            echo "start $id $(date +%s%3N) quorate=${quorate:-none}" >> /var/lib/test-guests.log
            touch /run/test-guests/$id ;;
          shutdown)
            shift 2
            echo "shutdown $id $(date +%s%3N) $*" >> /var/lib/test-guests.log
            rm -f /run/test-guests/$id ;;
          *)
            echo "test-guest: unknown action $action" >&2
            exit 2 ;;
        esac
        """;

    /// <summary>One line of the record file.</summary>
    public sealed record Entry(string Action, uint VmId, long Milliseconds, string Rest)
    {
        public static Entry Parse(string line)
        {
            var parts = line.Split(' ', 4);
            return new Entry(parts[0], uint.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture),
                long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), parts.Length > 3 ? parts[3] : "");
        }
    }

    public static IReadOnlyList<Entry> ParseRecord(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Entry.Parse)];
}
