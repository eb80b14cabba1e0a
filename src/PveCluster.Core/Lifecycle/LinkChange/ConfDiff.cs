using System.Text;

namespace PveCluster.Core.Lifecycle;

/// <summary>A unified diff of two small text files (corosync.conf), so the admin sees exactly what changes.</summary>
public static class ConfDiff
{
    private const int Context = 2;

    /// <summary>The diff in <c>diff -u</c> form; empty when the texts are equal.</summary>
    public static string Unified(string before, string after, string name)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = before.Split('\n');
        var b = after.Split('\n');
        var ops = Operations(a, b);
        if (ops.All(o => o.Kind == ' '))
        {
            return string.Empty;
        }

        var text = new StringBuilder().Append("--- ").Append(name).Append(" (current)\n+++ ").Append(name).Append(" (new)\n");
        var i = 0;
        while (i < ops.Count)
        {
            if (ops[i].Kind == ' ')
            {
                i++;
                continue;
            }

            var start = Math.Max(0, i - Context);
            var end = i;
            while (end < ops.Count && (ops[end].Kind != ' ' || NextChangeWithin(ops, end, 2 * Context)))
            {
                end++;
            }

            end = Math.Min(ops.Count, end + Context);
            var hunk = ops.GetRange(start, end - start);
            text.Append("@@ -").Append(hunk[0].OldLine + 1).Append(',').Append(hunk.Count(o => o.Kind != '+'))
                .Append(" +").Append(hunk[0].NewLine + 1).Append(',').Append(hunk.Count(o => o.Kind != '-')).Append(" @@\n");
            foreach (var op in hunk)
            {
                text.Append(op.Kind).Append(op.Text).Append('\n');
            }

            i = end;
        }

        return text.ToString();
    }

    private static bool NextChangeWithin(List<Op> ops, int from, int distance)
    {
        for (var j = from; j < ops.Count && j <= from + distance; j++)
        {
            if (ops[j].Kind != ' ')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Longest-common-subsequence edit script; the files are a few hundred lines at most.</summary>
    private static List<Op> Operations(string[] a, string[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = string.Equals(a[i], b[j], StringComparison.Ordinal) ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var ops = new List<Op>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && string.Equals(a[x], b[y], StringComparison.Ordinal))
            {
                ops.Add(new Op(' ', a[x], x++, y++));
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] > lcs[x + 1, y]))
            {
                ops.Add(new Op('+', b[y], x, y++));
            }
            else
            {
                ops.Add(new Op('-', a[x], x++, y));
            }
        }

        return ops;
    }

    private sealed record Op(char Kind, string Text, int OldLine, int NewLine);
}
