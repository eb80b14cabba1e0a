using System.Text.RegularExpressions;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Processes;

namespace PveCluster.Lab.Network;

/// <summary>
/// Picks a subnet index no other lab uses. Concurrent labs race through an atomic claim file per
/// index; indexes whose 198.18.k/198.19.k addresses already exist on the host are skipped too.
/// </summary>
public static partial class SubnetAllocator
{
    public static async Task<int> ClaimAsync(string baseDirectory, string labId, CommandRunner runner, CancellationToken cancellationToken)
    {
        var addresses = await runner.RunCheckedAsync(["ip", "-o", "-4", "addr", "show"], cancellationToken).ConfigureAwait(false);
        var inUse = BenchmarkSubnet().Matches(addresses.StandardOutput)
            .Select(m => int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();
        Directory.CreateDirectory(Path.GetDirectoryName(LabPaths.SubnetClaim(baseDirectory, 0))!);
        for (var index = LabAddressing.FirstSubnetIndex; index <= LabAddressing.LastSubnetIndex; index++)
        {
            if (inUse.Contains(index))
            {
                continue;
            }
            try
            {
                await using var claim = new FileStream(LabPaths.SubnetClaim(baseDirectory, index), FileMode.CreateNew, FileAccess.Write);
                await claim.WriteAsync(System.Text.Encoding.ASCII.GetBytes(labId + "\n"), cancellationToken).ConfigureAwait(false);
                return index;
            }
            catch (IOException) when (File.Exists(LabPaths.SubnetClaim(baseDirectory, index)))
            {
                // Another lab holds it.
            }
        }
        throw new LabException($"no free lab subnet left in 198.18.0.0/15 (claims in {Path.Combine(baseDirectory, "subnets")})");
    }

    [GeneratedRegex(@"inet 198\.1[89]\.(\d{1,3})\.")]
    private static partial Regex BenchmarkSubnet();
}
