using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Infrastructure;

/// <summary>Evidence for failure messages: the lab is gone by the time anyone reads the test output.</summary>
public static class LabDiagnostics
{
    public static string CorosyncLogTails(LabCluster lab, int lines = 12)
    {
        var text = new System.Text.StringBuilder();
        foreach (var node in lab.Nodes)
        {
            text.Append("--- n").Append(node).Append(" corosync.log\n");
            try
            {
                foreach (var line in File.ReadAllLines(lab.CorosyncLogPath(node)).TakeLast(lines))
                {
                    text.Append(line).Append('\n');
                }
            }
            catch (IOException e)
            {
                text.Append(e.Message).Append('\n');
            }
        }
        return text.ToString();
    }
}
