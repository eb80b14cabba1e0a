using System.Globalization;
using PveCluster.Fuzz.Engine;

namespace PveCluster.Fuzz;

/// <summary>Keeps each finding's whole input as a file (the report shows only its start), ready for <c>--replay</c>.</summary>
internal sealed class FindingStore(string directory)
{
    public string Save(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{finding.Target}-{finding.Iteration}.input"));
        File.WriteAllBytes(path, finding.Input);
        return path;
    }
}
